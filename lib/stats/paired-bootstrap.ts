/**
 * Paired percentile bootstraps: every method is scored on the same units (items, seeds, prompts,
 * samples), and a resample draws those units once and scores every method on them, so effects shared
 * by the methods cancel in a difference. One resampling core (`percentileBootstrap`, seeded mulberry32)
 * and the three designs the evaluations use, which differ in what is resampled and so in the order of
 * the draws (each reproduces the intervals recorded in docs/results with the same seed):
 * - `crossedBootstrap`: items x seeds, both drawn with replacement, independently (style).
 * - `pairedBootstrap` / `meanAccuracy`: seeds, then per task its test images (merge).
 * - `nestedBootstrap`: prompts, then samples within each drawn prompt (detox).
 */
import { mulberry32 } from '../util/random';

export type Rng = () => number;

export interface Interval {
  estimate: number;
  ci95: [number, number];
  resamples: number;
}

/** The name the style evaluation reports use. */
export type BootstrapResult = Interval;

/**
 * How the 2.5% and 97.5% points are read from the sorted resamples: linear interpolation between
 * order statistics, or the nearest rank (the merge evaluation's rule, kept so its intervals reproduce).
 */
export type QuantileRule = 'interpolate' | 'nearest';

const quantile = (sorted: Float64Array, q: number, rule: QuantileRule): number => {
  const pos = (sorted.length - 1) * q;
  if (rule === 'nearest') return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(pos)))];
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
};

/** Percentile interval of a statistic: `resample(rng)` draws one resample from rng and returns its statistic. */
export function percentileBootstrap(estimate: number, resample: (rng: Rng) => number, resamples: number, seed: number, rule: QuantileRule = 'interpolate'): Interval {
  const rng = mulberry32(seed);
  const stats = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) stats[b] = resample(rng);
  stats.sort();
  return { estimate, ci95: [quantile(stats, 0.025, rule), quantile(stats, 0.975, rule)], resamples };
}

const draw = (rng: Rng, n: number): number => Math.floor(rng() * n);

// ---- Crossed items x seeds (style) ----

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

/**
 * Mean over groups of each group's grid mean; a resample draws items and seeds with replacement,
 * independently (a two-way bootstrap: both sources of variation count), the same draws for every group.
 */
export function crossedBootstrap(groups: Grid[], resamples = 2000, seed = 1): Interval {
  if (!groups.length) throw new Error('bootstrap: no groups');
  const { items, seeds } = groups[0];
  for (const g of groups) {
    if (g.items !== items || g.seeds !== seeds || g.values.length !== items * seeds) throw new Error('bootstrap: every group needs the same items x seeds grid');
  }
  const all = (n: number) => Int32Array.from({ length: n }, (_, k) => k);
  const indices = (rng: Rng, n: number) => Int32Array.from({ length: n }, () => draw(rng, n));
  const mean = (rows: Int32Array, cols: Int32Array) => groups.reduce((a, g) => a + gridMean(g, rows, cols), 0) / groups.length;
  return percentileBootstrap(mean(all(items), all(seeds)), (rng) => mean(indices(rng, items), indices(rng, seeds)), resamples, seed);
}

/** Cell-wise difference a - b of two grids of the same shape. */
export function gridDiff(a: Grid, b: Grid): Grid {
  if (a.items !== b.items || a.seeds !== b.seeds) throw new Error('bootstrap: grids differ in shape');
  return { items: a.items, seeds: a.seeds, values: Float64Array.from(a.values, (v, i) => v - b.values[i]) };
}

// ---- Seeds x per-task images (merge) ----

/**
 * correct[seed][task] = 1/0 per test image (or a mean of such flags, e.g. over random-control draws);
 * every seed's task t has the same images.
 */
export type CorrectFlags = ArrayLike<number>[][];

const meanDiff = (a: CorrectFlags, b: CorrectFlags): number => {
  let sum = 0;
  const S = a.length, T = a[0].length;
  for (let s = 0; s < S; s++) for (let t = 0; t < T; t++) {
    let d = 0;
    for (let i = 0; i < a[s][t].length; i++) d += a[s][t][i] - b[s][t][i];
    sum += d / a[s][t].length;
  }
  return (100 * sum) / (S * T);
};

/**
 * "A minus B" in points (%): the mean over tasks of the seed-mean accuracy difference. A resample draws
 * seeds (fine-tune families), then per task its test images, with replacement; the same images score A and B.
 */
export function pairedBootstrap(a: CorrectFlags, b: CorrectFlags, resamples = 2000, seed = 1): Interval {
  if (a.length !== b.length || a.length === 0) throw new Error('paired bootstrap: both sides need the same seeds');
  const S = a.length, T = a[0].length;
  // Per seed and task, the per-image difference (-1, 0, 1).
  const diff = a.map((row, s) => row.map((x, t) => Float64Array.from(x, (v, i) => v - b[s][t][i])));
  const resample = (rng: Rng) => {
    const seeds = Array.from({ length: S }, () => draw(rng, S));
    let sum = 0;
    for (let t = 0; t < T; t++) {
      const n = diff[0][t].length;
      const idx = Array.from({ length: n }, () => draw(rng, n));
      for (const s of seeds) {
        const d = diff[s][t];
        let acc = 0;
        for (const i of idx) acc += d[i];
        sum += acc / n;
      }
    }
    return (100 * sum) / (S * T);
  };
  return percentileBootstrap(meanDiff(a, b), resample, resamples, seed, 'nearest');
}

/** Mean accuracy (%) over seeds and tasks, with an interval of the same design. */
export function meanAccuracy(a: CorrectFlags, resamples = 2000, seed = 1): Interval {
  const zero = a.map((row) => row.map((x) => new Float64Array(x.length)));
  return pairedBootstrap(a, zero, resamples, seed);
}

// ---- Prompts, then samples within a prompt (detox) ----

/** 0/1 outcomes indexed [prompt][sample]. */
export type Outcomes = readonly (readonly number[])[];

export const meanOf = (o: Outcomes): number => {
  let s = 0;
  let n = 0;
  for (const row of o) for (const x of row) (s += x), n++;
  return n ? s / n : 0;
};

/**
 * stat(mean outcome of every group); a resample draws prompts with replacement, then samples within
 * each drawn prompt with replacement, the same draws for every group (sample j of prompt p had the same
 * seed under every model). All groups must have the same [prompt][sample] layout.
 */
export function nestedBootstrap(groups: readonly Outcomes[], stat: (means: number[]) => number, resamples = 2000, seed = 1): Interval {
  const P = groups[0].length;
  for (const g of groups) if (g.length !== P || g.some((row, p) => row.length !== groups[0][p].length)) throw new Error('bootstrap: groups differ in layout');
  const resample = (rng: Rng) => {
    const sums = groups.map(() => 0);
    let n = 0;
    for (let i = 0; i < P; i++) {
      const p = draw(rng, P);
      const S = groups[0][p].length;
      for (let j = 0; j < S; j++) {
        const s = draw(rng, S);
        groups.forEach((g, k) => (sums[k] += g[p][s]));
        n++;
      }
    }
    return stat(sums.map((x) => x / Math.max(1, n)));
  };
  return percentileBootstrap(stat(groups.map(meanOf)), resample, resamples, seed);
}

/** Share of ones (e.g. toxic samples) with its interval. */
export const shareInterval = (o: Outcomes, resamples?: number, seed?: number): Interval => nestedBootstrap([o], ([m]) => m, resamples, seed);

/** Paired difference of shares, a minus b. */
export const pairedDifference = (a: Outcomes, b: Outcomes, resamples?: number, seed?: number): Interval =>
  nestedBootstrap([a, b], ([ma, mb]) => ma - mb, resamples, seed);
