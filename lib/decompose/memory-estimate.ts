/**
 * What a decomposition will hold, estimated before it starts, so a request too big for the tab is
 * refused with a message instead of crashing it seconds later. The result keeps per matrix the
 * shared basis Z (d x s, float64) and the factors Z^T tau_i (s x m, float32); tau_i, shared_i
 * and unique_i are formed from the loaded checkpoints only when a recipe or an export asks.
 * While one tensor is split, its k task vectors are on the host and on the engine; applying a
 * recipe forms one edited model. The checkpoints themselves are counted by the loader.
 */
export const BYTES_PER_FLOAT = 4;
/** What one tab is allowed to hold for results: well below Chromium's per-renderer ceiling (~4 GB). */
export const DEFAULT_RESULT_BUDGET = 2 * 2 ** 30;
/**
 * The shared dimension s is known only after the split; the estimate assumes at most this many
 * directions per matrix (s <= min task rank, which the energy rank keeps small for fine-tunes).
 */
export const ESTIMATED_MAX_SHARED_DIM = 128;

export function estimateDecompositionBytes(shapes: readonly (readonly number[])[], tasks: number): number {
  let params = 0;
  let largest = 0;
  let factors = 0;
  for (const shape of shapes) {
    const n = shape.reduce((a, b) => a * b, 1);
    params += n;
    largest = Math.max(largest, n);
    if (shape.length < 2 || n === 0) continue;
    const d = Math.max(shape[0], n / shape[0]);
    const s = Math.min(shape[0], n / shape[0], ESTIMATED_MAX_SHARED_DIM);
    factors += d * s * 2 + tasks * d * s; // Z in float64, one s x m factor per task
  }
  const oneLayer = largest * (2 * tasks + 2); // k task vectors on host and engine, one part formed, one output
  return (factors + oneLayer + params) * BYTES_PER_FLOAT;
}

export const formatBytes = (b: number) => (b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(1)} GB` : `${Math.ceil(b / 2 ** 20)} MB`);

/** Throws a message in words when `bytes` exceeds `budget`. */
export function assertFitsBudget(bytes: number, budget: number, what: string, where = 'this tab'): void {
  if (bytes <= budget) return;
  throw new Error(
    `${what} would need about ${formatBytes(bytes)} of memory, more than ${where} allows (${formatBytes(budget)}): ` +
      'use fewer fine-tunes or a smaller model, or run `npm run tvlab -- decompose` on the command line',
  );
}
