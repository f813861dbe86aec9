import { float64Engine } from '../linalg/engine';
import { type Mat, leadingColumns, orthonormalColumns } from '../linalg/mat';
import { energyRank, symmetricEig } from '../decompose/task-basis';
import type { LoraFactors } from './lora-factors';

/**
 * The task subspace of delta W = B A without forming delta W: with B = Q_B R_B and
 * A^T = Q_A R_A, B A = Q_B (R_B R_A^T) Q_A^T, so the SVD of the r x r core gives the singular
 * values of B A exactly and U = Q_B U_core. Work is O(d r^2), never d x d.
 */
export async function factorTaskBasis(f: LoraFactors, energy: number, maxRank: number | null) {
  const mm = float64Engine.matmul;
  const QB = orthonormalColumns(f.B);
  const QA = orthonormalColumns(transposed(f.A));
  if (QB.cols === 0 || QA.cols === 0) return { U: { rows: f.B.rows, cols: 0, data: new Float64Array(0) } as Mat, sigma: [] as number[], rank: 0 };
  const core = await mm(await mm(QB, f.B, true, false), await mm(f.A, QA)); // (Q_B^T B)(A Q_A) = R_B R_A^T
  const { values, vectors } = symmetricEig(await mm(core, core, false, true));
  const sigma = values.map((v) => Math.sqrt(Math.max(v, 0)));
  const rank = energyRank(sigma, energy, maxRank);
  return { U: await mm(QB, leadingColumns(vectors, rank)), sigma, rank };
}

function transposed(a: Mat): Mat {
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out[j * a.rows + i] = a.data[i * a.cols + j];
  return { rows: a.cols, cols: a.rows, data: out };
}
