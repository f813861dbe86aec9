/**
 * Paired bootstrap over a crossed design of items x seeds (every method sampled on the same items
 * with the same noise seeds). A difference per cell d[i][s] = method - baseline is resampled by
 * drawing items AND seeds with replacement, independently (a two-way bootstrap: both sources of
 * variation count, so the interval is wider than resampling the cells as if independent).
 * Several groups (e.g. style pairs) measured on the same grid are resampled with the same draws,
 * and the statistic is the mean over groups of each group's grid mean.
 */
import { mulberry32 } from '../util/random';

export interface BootstrapResult {
  estimate: number;
  ci95: [number, number];
  resamples: number;
}

/** A grid of values: items x seeds, row-major (value of item i, seed s at i * seeds + s). */
export interface Grid {
  items: number;
  seeds: number;
  values: Float64Array | number[];
}

const gridMean = (g: Grid, rows: Int32Array, cols: Int32Array): number => {
  let sum = 0;
  for (const i of rows) for (const s of cols) sum += g.values[i * g.seeds + s];
  return sum / (rows.length * cols.length);
};

const quantile = (sorted: Float64Array, q: number): number => {
  const pos = (sorted.length - 1) * q, lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
};

/** Percentile interval of the mean over groups; every group must have the same items x seeds. */
export function crossedBootstrap(groups: Grid[], resamples = 2000, seed = 1): BootstrapResult {
  if (!groups.length) throw new Error('bootstrap: no groups');
  const { items, seeds } = groups[0];
  for (const g of groups) {
    if (g.items !== items || g.seeds !== seeds || g.values.length !== items * seeds) throw new Error('bootstrap: every group needs the same items x seeds grid');
  }
  const all = (n: number) => Int32Array.from({ length: n }, (_, k) => k);
  const mean = (rows: Int32Array, cols: Int32Array) => groups.reduce((a, g) => a + gridMean(g, rows, cols), 0) / groups.length;
  const estimate = mean(all(items), all(seeds));
  const rng = mulberry32(seed), draw = (n: number) => Int32Array.from({ length: n }, () => Math.floor(rng() * n));
  const stats = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) stats[b] = mean(draw(items), draw(seeds));
  stats.sort();
  return { estimate, ci95: [quantile(stats, 0.025), quantile(stats, 0.975)], resamples };
}

/** Cell-wise difference a - b of two grids of the same shape. */
export function gridDiff(a: Grid, b: Grid): Grid {
  if (a.items !== b.items || a.seeds !== b.seeds) throw new Error('bootstrap: grids differ in shape');
  return { items: a.items, seeds: a.seeds, values: Float64Array.from(a.values, (v, i) => v - b.values[i]) };
}
