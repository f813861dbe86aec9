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
