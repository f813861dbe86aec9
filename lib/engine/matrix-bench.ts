import { z } from 'zod';
import { countReadbacks } from '../backend/readback-counter';
import { factorMatrices } from '../decompose/decompose-matrices';
import { materialiseShared } from '../decompose/factored';
import { defaultDecomposeOptions } from '../decompose/options';
import type { MatmulEngine } from '../linalg/engine';
import type { Mat } from '../linalg/mat';
import { powerLawMatrix } from '../synthetic/power-law';

export { gpt2BlockShapes } from '../synthetic/gpt2-shapes';

export const matrixBenchSpecSchema = z.object({
  rows: z.number().int().min(2).max(8192),
  cols: z.number().int().min(2).max(8192),
  k: z.number().int().min(2).max(8),
  /** Rank of each task's signal (weights j^-1/2), before the noise floor. */
  rank: z.number().int().min(1).max(512).default(64),
  /** Directions every task shares (weight 1 each), so the shared subspace is not empty. */
  shared: z.number().int().min(0).max(16).default(4),
  seed: z.number().int().min(0).default(1),
});
export type MatrixBenchSpec = z.input<typeof matrixBenchSpecSchema>;

export interface MatrixBenchResult {
  rows: number;
  cols: number;
  k: number;
  /** Wall time of the decomposition (factors), the task matrices already in memory. */
  ms: number;
  /** Reads from the tfjs backend during it, and the elements they carried. */
  reads: number;
  readElements: number;
  /** Per task, the path that found its subspace. */
  paths: ('exact' | 'randomized' | null)[];
  ranks: number[];
  sharedDim: number;
  /** max |shared_i + unique_i - tau_i| / max |tau_i| over the tasks. */
  splitError: number;
  /** max ||Z^T unique_i||_F / ||tau_i||_F: the unique part has nothing left in the shared subspace. */
  leakage: number;
}

/**
 * k task matrices with the spectrum that makes rank certification hard (rank + noise floor, the
 * 0.9-energy rank near the noise, as `randomized-basis.test.ts` uses) plus `shared` directions
 * common to all, decomposed once on `engine` with every backend read counted.
 */
export async function benchMatrix(input: MatrixBenchSpec, engine: MatmulEngine): Promise<MatrixBenchResult> {
  const { rows, cols, k, rank, shared, seed } = matrixBenchSpecSchema.parse(input);
  const common = shared > 0 ? powerLawMatrix(rows, cols, shared, 0, 0, seed * 1000) : null;
  const tasks: Mat[] = Array.from({ length: k }, (_, i) => {
    const W = powerLawMatrix(rows, cols, rank, 0.5, 0.6, seed * 1000 + i + 1);
    return { rows, cols, data: Float32Array.from(W.data, (x, j) => x + (common?.data[j] ?? 0)) };
  });
  const counter = countReadbacks();
  const t0 = performance.now();
  let factored;
  try {
    factored = await factorMatrices(tasks, defaultDecomposeOptions, engine);
  } finally {
    counter.stop();
  }
  const ms = performance.now() - t0;
  const { split, diagnostics } = factored;
  let splitError = 0;
  let leakage = 0;
  tasks.forEach((W, i) => {
    const part = materialiseShared(split, i);
    let err = 0;
    let top = 0;
    let norm2 = 0;
    const unique = new Float64Array(W.data.length);
    for (let j = 0; j < W.data.length; j++) {
      unique[j] = W.data[j] - part[j];
      err = Math.max(err, Math.abs(part[j] + unique[j] - W.data[j]));
      top = Math.max(top, Math.abs(W.data[j]));
      norm2 += W.data[j] ** 2;
    }
    splitError = Math.max(splitError, top > 0 ? err / top : 0);
    leakage = Math.max(leakage, Math.sqrt(projectedEnergy(split.basis, { rows, cols, data: unique }) / Math.max(norm2, 1e-30)));
  });
  return {
    rows,
    cols,
    k,
    ms,
    reads: counter.count,
    readElements: counter.elements,
    paths: diagnostics.basisPaths ?? [],
    ranks: diagnostics.ranks,
    sharedDim: diagnostics.sharedDim,
    splitError,
    leakage,
  };
}

/** ||Z^T M||_F^2 for Z (d x s) and M (d x n), on the host. */
function projectedEnergy(Z: Mat, M: Mat): number {
  let sum = 0;
  const row = new Float64Array(M.cols);
  for (let c = 0; c < Z.cols; c++) {
    row.fill(0);
    for (let a = 0; a < M.rows; a++) {
      const z = Z.data[a * Z.cols + c];
      for (let b = 0; b < M.cols; b++) row[b] += z * M.data[a * M.cols + b];
    }
    for (let b = 0; b < M.cols; b++) sum += row[b] ** 2;
  }
  return sum;
}
