/**
 * What a decomposition will hold, estimated before it starts, so a request too big for the tab is
 * refused with a message instead of crashing it seconds later. Per tensor the result keeps the
 * full task vector, its shared and its unique part for every task (float32), on top of the
 * checkpoints already loaded.
 */
export const BYTES_PER_FLOAT = 4;
/** What one tab is allowed to hold for results: well below Chromium's per-renderer ceiling (~4 GB). */
export const DEFAULT_RESULT_BUDGET = 2 * 2 ** 30;

export function estimateDecompositionBytes(shapes: readonly (readonly number[])[], tasks: number): number {
  const params = shapes.reduce((n, s) => n + s.reduce((a, b) => a * b, 1), 0);
  return params * tasks * 3 * BYTES_PER_FLOAT;
}

export const formatBytes = (b: number) => (b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(1)} GB` : `${Math.ceil(b / 2 ** 20)} MB`);

/** Throws a message in words when `bytes` exceeds `budget`. */
export function assertFitsBudget(bytes: number, budget: number, what: string): void {
  if (bytes <= budget) return;
  throw new Error(
    `${what} would need about ${formatBytes(bytes)} of memory, more than this tab allows (${formatBytes(budget)}): ` +
      'use fewer fine-tunes or a smaller model, or run `npm run tvlab -- decompose` on the command line',
  );
}
