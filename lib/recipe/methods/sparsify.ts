// Per-vector sparsification masks of the TIES family, and the rescale that keeps a pruned vector's size.
// Reference semantics: mergekit sparsify.py (magnitude_outliers, della_magprune, l1 rescale) and the papers.
import { z } from 'zod';
import { mulberry32 } from '../../util/random';

/** inverse: divide each kept entry by its keep probability (DARE, DELLA papers; unbiased);
 *  l1: scale the kept vector back to the original's L1 norm (mergekit's `rescale: true`); none. */
export const rescaleSchema = z.enum(['inverse', 'l1', 'none']);
export type Rescale = z.output<typeof rescaleSchema>;

/** FNV-1a of the tensor name: each tensor gets its own mask stream, whatever order tensors are visited in. */
function nameHash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The random stream for one vector's mask: fixed by (seed, tensor name, vector index). */
export const maskRng = (seed: number, name: string, t: number) => mulberry32((seed * 0x9e3779b1 + nameHash(name) + 7919 * (t + 1)) >>> 0);

/** Indices of v by |v| ascending; equal magnitudes keep index order, so masks are deterministic. */
export function ascendingByMagnitude(v: Float32Array): Uint32Array {
  const idx = Uint32Array.from(v, (_, i) => i);
  return idx.sort((a, b) => Math.abs(v[a]) - Math.abs(v[b]) || a - b);
}

/**
 * Model Breadcrumbs' mask: drop the gamma share of largest magnitudes, then enough of the smallest
 * that `density` of the entries remain (counts as mergekit: floor(density n), floor(gamma n); when
 * gamma > 1 - density fewer large entries are dropped so the density still holds).
 */
export function outlierMask(v: Float32Array, density: number, gamma: number): Uint8Array {
  const n = v.length;
  const mask = new Uint8Array(n);
  if (density >= 1) return mask.fill(1);
  const keep = Math.floor(density * n);
  let top = Math.floor(gamma * n);
  let bottom = n - keep - top;
  if (bottom < 0) {
    top += bottom;
    bottom = 0;
  }
  const order = ascendingByMagnitude(v);
  for (let k = bottom; k < n - top; k++) mask[order[k]] = 1;
  return mask;
}

/**
 * DELLA's keep probabilities (MagPrune): within each row, entries ranked by magnitude get
 * p = density - epsilon + 2 epsilon (rank - 1) / (n - 1), smallest to largest; clamped to [0, 1].
 */
export function dellaProbabilities(v: Float32Array, rows: number, density: number, epsilon: number): Float64Array {
  const p = new Float64Array(v.length);
  const cols = v.length / rows;
  for (let r = 0; r < rows; r++) {
    const row = v.subarray(r * cols, (r + 1) * cols);
    const order = ascendingByMagnitude(row);
    order.forEach((j, rank) => {
      const x = cols > 1 ? rank / (cols - 1) : 1;
      p[r * cols + j] = Math.min(1, Math.max(0, density - epsilon + 2 * epsilon * x));
    });
  }
  return p;
}

/** v with entries where keep[i] = 0 zeroed, rescaled as asked (keepProb for the inverse rescale). */
export function applyMask(v: Float32Array, keep: ArrayLike<number>, rescale: Rescale, keepProb: (i: number) => number): Float32Array {
  const out = new Float32Array(v.length);
  let before = 0, after = 0;
  for (let i = 0; i < v.length; i++) {
    before += Math.abs(v[i]);
    if (!keep[i]) continue;
    out[i] = rescale === 'inverse' ? v[i] / keepProb(i) : v[i];
    after += Math.abs(out[i]);
  }
  if (rescale === 'l1' && before > 1e-7 && after > 1e-7) for (let i = 0; i < out.length; i++) out[i] *= before / after;
  return out;
}
