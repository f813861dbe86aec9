import type { MatmulEngine } from '../linalg/engine';
import { type Mat, frobenius2, leadingColumns, orthonormalColumns } from '../linalg/mat';
import { gaussian, mulberry32 } from '../util/random';
import { type BasisPath, residentBasis } from './task-basis';

/**
 * Control: the top-s singular directions of sum_i tau_i on the compared side (left: columns;
 * right: rows), by the same rule (randomized or exact) as the task subspaces.
 */
export async function topSingularSubspace(Ws: Mat[], s: number, right: boolean, engine: MatmulEngine, path: BasisPath = 'auto'): Promise<Mat> {
  const sum = new Float64Array(Ws[0].data.length);
  for (const W of Ws) for (let i = 0; i < sum.length; i++) sum[i] += W.data[i];
  const total: Mat = { rows: Ws[0].rows, cols: Ws[0].cols, data: sum };
  const resident = engine.upload(total, right);
  try {
    const { U } = await residentBasis(resident, frobenius2(total), 1, s, engine, path);
    return leadingColumns(U, Math.min(s, U.cols));
  } finally {
    engine.free(resident);
  }
}

/** Control: a random s-dim subspace, seeded so a link reproduces it. */
export function randomSubspace(d: number, s: number, seed: number): Mat {
  const g = gaussian(mulberry32(seed));
  const data = new Float64Array(d * s).map(() => g());
  return orthonormalColumns({ rows: d, cols: s, data });
}

/** sum_i ||U^T W_i||^2 for each leading column count of U (left: U is rows-dim; right: cols-dim). */
function cumulativeCapture(U: Mat, Ws: Mat[], right: boolean): Float64Array {
  const out = new Float64Array(U.cols);
  for (const W of Ws) {
    const outer = right ? W.rows : W.cols;
    for (let j = 0; j < U.cols; j++) {
      let e = 0;
      for (let o = 0; o < outer; o++) {
        let dot = 0;
        for (let t = 0; t < U.rows; t++) dot += U.data[t * U.cols + j] * (right ? W.data[o * W.cols + t] : W.data[t * W.cols + o]);
        e += dot * dot;
      }
      out[j] += e;
    }
  }
  for (let j = 1; j < out.length; j++) out[j] += out[j - 1];
  return out;
}

/**
 * Control (EXPERIMENTS.md §2, energy-matched): the fewest top singular directions of
 * sum_{i in over} tau_i whose projection holds at least the share of sum_i ||tau_i||^2 that the
 * shared subspace Z holds. A gain that survives it is not explained by moving the same energy.
 */
export async function energyMatchedSubspace(Ws: Mat[], over: number[], Z: Mat, right: boolean, engine: MatmulEngine, path: BasisPath = 'auto'): Promise<Mat> {
  const target = cumulativeCapture(Z, Ws, right)[Z.cols - 1];
  const U = await topSingularSubspace(over.map((i) => Ws[i]), Z.rows, right, engine, path);
  const captured = cumulativeCapture(U, Ws, right);
  const s = captured.findIndex((e) => e >= target * (1 - 1e-9));
  return leadingColumns(U, s < 0 ? U.cols : s + 1);
}
