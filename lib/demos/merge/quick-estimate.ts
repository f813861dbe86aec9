/**
 * A first estimate of a merge's scores from a few test images per task, with a 95% interval, shown
 * while the full table is computed: the first n images of each task's set (their labels cycle
 * through the classes, so the subset is stratified by task and class).
 */
import type { ImageSet } from '../../tensors/image-set';
import type { EvalResult } from './evaluate';

export const QUICK_PER_TASK = 16;

/** The first `n` images of a set. */
export function headOf(set: ImageSet, n: number, pixels: number): ImageSet {
  const k = Math.min(n, set.count);
  return { count: k, images: set.images.subarray(0, k * pixels), labels: set.labels.subarray(0, k) };
}

/**
 * 95% interval of mean normalised accuracy over tasks from per-task binomial errors:
 * Var(mean_t p_t / r_t) = sum_t p_t (1 - p_t) / (n_t r_t^2) / T^2.
 */
export function normalizedInterval(result: EvalResult, counts: number[], references: number[]): [number, number] {
  const T = result.tasks.length;
  const variance = result.tasks.reduce((v, t, i) => v + (t.accuracy * (1 - t.accuracy)) / Math.max(1, counts[i]) / Math.max(references[i], 1e-9) ** 2, 0) / (T * T);
  const half = 1.96 * Math.sqrt(variance);
  return [result.meanNormalized - half, result.meanNormalized + half];
}
