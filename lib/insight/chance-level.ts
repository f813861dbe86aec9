import { nullBases } from '../decompose/chance-eigenvalue';
import { sharedSubspace } from '../decompose/shared-subspace';
import { float64Engine } from '../linalg/engine';

/**
 * The null model for a shared dimension: k random subspaces of the same ranks in the same
 * dimension d, run through the same threshold eta. A layer's shared dimension means something only
 * above what such unrelated subspaces share by chance (large when sum of ranks approaches d).
 */
export interface ChanceLevel {
  /** Mean shared dimension over the trials. */
  mean: number;
  /** The 95th percentile: a shared dimension above it is unlikely by chance (p < 0.05). */
  p95: number;
  trials: number;
}

export async function chanceSharedDim(d: number, ranks: number[], eta: number, trials = 20, seed = 1): Promise<ChanceLevel> {
  const used = ranks.filter((r) => r > 0);
  if (used.length < 2) return { mean: 0, p95: 0, trials: 0 };
  const dims: number[] = [];
  for (let t = 0; t < trials; t++) {
    dims.push((await sharedSubspace(nullBases(d, used, t, seed), eta, float64Engine)).Z.cols);
  }
  dims.sort((a, b) => a - b);
  return { mean: dims.reduce((s, x) => s + x, 0) / trials, p95: dims[Math.min(trials - 1, Math.ceil(0.95 * trials) - 1)], trials };
}

/**
 * Expected mean cos^2 of the principal angles between a random r_i- and r_j-dimensional subspace
 * of R^d: E ||U_i^T U_j||_F^2 = r_i r_j / d, over min(r_i, r_j) angles.
 */
export const chanceMeanCos2 = (d: number, ri: number, rj: number) => (ri && rj ? Math.min(1, Math.max(ri, rj) / d) : 0);
