import { mixVectors } from './mix-vectors';
import { tiesTrim } from './ties';

/**
 * Merging task coordinates in a shared basis (KnOTS, Core Space): TIES (trim to `density`, elect
 * signs by mass, disjoint mean) or a plain sum, entry by entry.
 */
export function mergeCoordinates(vs: Float32Array[], merge: 'ties' | 'sum', density: number, out: Float32Array, scale = 1): void {
  const inputs = merge === 'ties' ? vs.map((v) => tiesTrim(v, density)) : vs;
  mixVectors(inputs, out, { consensus: merge === 'ties' ? 'mass' : 'none', divisor: merge === 'ties' ? 'count' : 'none', scale });
}
