/** mulberry32 (lib/util/random): corpora and generations are identical on every run and machine. */
export { mulberry32 as seededRandom } from '../util/random';

/** Fisher-Yates on a copy. */
export function shuffled<T>(items: readonly T[], rand: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export const pick = <T>(items: readonly T[], rand: () => number): T => items[Math.floor(rand() * items.length)];
