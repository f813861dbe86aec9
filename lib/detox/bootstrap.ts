/**
 * Bootstrap intervals for sampled toxicity, over prompts and samples: each resample draws prompts
 * with replacement, then samples within each drawn prompt with replacement. Paired comparisons use
 * the same draws for both methods (sample j of prompt p had the same seed under every model).
 */
import { mulberry32 } from '../util/random';

/** 0/1 outcomes indexed [prompt][sample]. */
export type Outcomes = readonly (readonly number[])[];

export interface Interval {
  estimate: number;
  ci95: [number, number];
  resamples: number;
}

export const meanOf = (o: Outcomes): number => {
  let s = 0;
  let n = 0;
  for (const row of o) for (const x of row) (s += x), n++;
  return n ? s / n : 0;
};

const quantile = (sorted: number[], q: number): number => {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
};

/**
 * Percentile bootstrap of stat(outcomes of every group) over a shared resampling of prompts and
 * samples. All groups must have the same [prompt][sample] layout.
 */
export function bootstrap(groups: readonly Outcomes[], stat: (means: number[]) => number, resamples = 2000, seed = 1): Interval {
  const P = groups[0].length;
  for (const g of groups) if (g.length !== P || g.some((row, p) => row.length !== groups[0][p].length)) throw new Error('bootstrap: groups differ in layout');
  const rand = mulberry32(seed);
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const sums = groups.map(() => 0);
    let n = 0;
    for (let i = 0; i < P; i++) {
      const p = Math.floor(rand() * P);
      const S = groups[0][p].length;
      for (let j = 0; j < S; j++) {
        const s = Math.floor(rand() * S);
        groups.forEach((g, k) => (sums[k] += g[p][s]));
        n++;
      }
    }
    values.push(stat(sums.map((x) => x / Math.max(1, n))));
  }
  values.sort((a, b) => a - b);
  return { estimate: stat(groups.map(meanOf)), ci95: [quantile(values, 0.025), quantile(values, 0.975)], resamples };
}

/** Share of toxic samples with its interval. */
export const shareInterval = (o: Outcomes, resamples?: number, seed?: number): Interval => bootstrap([o], ([m]) => m, resamples, seed);

/** Paired difference of shares, a minus b. */
export const pairedDifference = (a: Outcomes, b: Outcomes, resamples?: number, seed?: number): Interval =>
  bootstrap([a, b], ([ma, mb]) => ma - mb, resamples, seed);
