/**
 * Paired bootstrap for "method A minus method B" on the merge miniature: resample seeds (fine-tune
 * families) and, per task, test images, both with replacement; the same resampled images score A and B
 * (paired). The statistic is the mean over tasks of the seed-mean accuracy difference, in points (%).
 */
import { mulberry32, randInt } from '../datasets/merge/random';

/**
 * correct[seed][task] = 1/0 per test image (or a mean of such flags, e.g. over random-control draws);
 * every seed's task t has the same images.
 */
export type CorrectFlags = ArrayLike<number>[][];

export interface Interval {
  estimate: number;
  ci95: [number, number];
  /** Resamples drawn. */
  draws: number;
}

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

export function pairedBootstrap(a: CorrectFlags, b: CorrectFlags, draws = 2000, seed = 1): Interval {
  if (a.length !== b.length || a.length === 0) throw new Error('paired bootstrap: both sides need the same seeds');
  const S = a.length, T = a[0].length, rng = mulberry32(seed);
  // Per seed and task, the per-image difference (-1, 0, 1).
  const diff = a.map((row, s) => row.map((x, t) => Float64Array.from(x, (v, i) => v - b[s][t][i])));
  const stats: number[] = [];
  for (let r = 0; r < draws; r++) {
    const seeds = Array.from({ length: S }, () => randInt(rng, S));
    let sum = 0;
    for (let t = 0; t < T; t++) {
      const n = diff[0][t].length;
      const idx = Array.from({ length: n }, () => randInt(rng, n));
      for (const s of seeds) {
        const d = diff[s][t];
        let acc = 0;
        for (const i of idx) acc += d[i];
        sum += acc / n;
      }
    }
    stats.push((100 * sum) / (S * T));
  }
  stats.sort((x, y) => x - y);
  const q = (p: number) => stats[Math.min(draws - 1, Math.max(0, Math.round(p * (draws - 1))))];
  return { estimate: meanDiff(a, b), ci95: [q(0.025), q(0.975)], draws };
}

/** Mean accuracy (%) over seeds and tasks, with a bootstrap interval of the same design. */
export function meanAccuracy(a: CorrectFlags, draws = 2000, seed = 1): Interval {
  const zero = a.map((row) => row.map((x) => new Float64Array(x.length)));
  return pairedBootstrap(a, zero, draws, seed);
}
