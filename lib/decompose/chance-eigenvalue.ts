import { float64Engine } from '../linalg/engine';
import type { Mat } from '../linalg/mat';
import { randomSubspace } from './controls';
import { SPECTRUM_ONLY, sharedSubspace } from './shared-subspace';

/**
 * The null model's subspaces: k random subspaces of the given ranks in R^d, one draw per trial,
 * seeded so the null is the same on every run (ranks of 0 are left out, as in the split).
 */
export function nullBases(d: number, ranks: number[], trial: number, seed: number): Mat[] {
  return ranks.filter((r) => r > 0).map((r, i) => randomSubspace(d, Math.min(r, d), seed * 7919 + trial * 131 + i));
}

/** The null's top chained-projection eigenvalue: its mean and 95th percentile over the trials. */
export interface ChanceEigenvalue {
  mean: number;
  p95: number;
  trials: number;
}

/**
 * What unrelated subspaces of the same ranks in the same dimension reach as their largest
 * chained-projection eigenvalue by chance (large when the ranks approach d). Work per trial is
 * the split's own O(d r^2) chain on random bases.
 */
export async function chanceTopEigenvalue(d: number, ranks: number[], trials = 20, seed = 1): Promise<ChanceEigenvalue> {
  if (ranks.filter((r) => r > 0).length < 2) return { mean: 0, p95: 0, trials: 0 };
  const tops: number[] = [];
  for (let t = 0; t < trials; t++) tops.push((await sharedSubspace(nullBases(d, ranks, t, seed), SPECTRUM_ONLY, float64Engine)).eigenvalues[0] ?? 0);
  tops.sort((a, b) => a - b);
  return { mean: tops.reduce((s, x) => s + x, 0) / trials, p95: tops[Math.min(trials - 1, Math.ceil(0.95 * trials) - 1)], trials };
}
