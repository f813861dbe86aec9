/**
 * Axis ticks at round steps (1, 2, 2.5 or 5 times a power of ten) covering [min, max], and the number
 * of decimals that tells them apart: a 0-0.5% axis reads 0.0%, 0.1%, ... rather than 0%, 0%, 1%.
 */
export interface NiceTicks {
  ticks: number[];
  decimals: number;
}

export function niceTicks(min: number, max: number, count = 5): NiceTicks {
  if (!(max > min)) max = min + (min === 0 ? 1 : Math.abs(min));
  const raw = (max - min) / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw * (1 - 1e-9))!;
  const first = Math.floor(min / step + 1e-9) * step;
  const ticks: number[] = [];
  for (let t = first; t < max + step * (1 - 1e-9); t += step) ticks.push(Number(t.toPrecision(12)));
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9) + (step / power === 2.5 ? 1 : 0));
  return { ticks, decimals };
}
