import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { float64Engine } from '../linalg/engine';
import { type Mat, orthonormalColumns, transpose } from '../linalg/mat';
import { type LoraFactors, loraRank } from './lora-factors';

export interface Truncated {
  factors: LoraFactors;
  /** sum of the dropped sigma^2 over sum of all sigma^2 (0 when nothing was dropped). */
  droppedEnergy: number;
  /** ||B A||_F^2 before truncation, so callers can pool the dropped share over modules. */
  totalEnergy: number;
}

/**
 * The best rank-N approximation of B A (Eckart-Young), kept in factor form: with B = Q_B R_B and
 * A^T = Q_A R_A, B A = Q_B (R_B R_A^T) Q_A^T, so the SVD of the small core U S V^T gives
 * B' = Q_B U_N S_N and A' = (Q_A V_N)^T. Never forms the d_out x d_in matrix.
 */
export async function truncateLora(f: LoraFactors, rank: number): Promise<Truncated> {
  const mm = float64Engine.matmul;
  const QB = orthonormalColumns(f.B);
  const QA = orthonormalColumns(transpose(f.A));
  if (QB.cols === 0 || QA.cols === 0) return { factors: zeroFactors(f.B.rows, f.A.cols, Math.min(rank, loraRank(f))), droppedEnergy: 0, totalEnergy: 0 };
  const core = await mm(await mm(QB, f.B, true, false), await mm(f.A, QA)); // r_B x r_A
  const svd = new SingularValueDecomposition(toMatrix(core), { autoTranspose: true });
  const sigma = svd.diagonal;
  const n = Math.min(rank, sigma.length);
  const total = sigma.reduce((s, x) => s + x * x, 0);
  const kept = sigma.slice(0, n).reduce((s, x) => s + x * x, 0);
  const Un = svd.leftSingularVectors.subMatrix(0, core.rows - 1, 0, Math.max(n, 1) - 1);
  const Vn = svd.rightSingularVectors.subMatrix(0, core.cols - 1, 0, Math.max(n, 1) - 1);
  const US: Mat = { rows: core.rows, cols: n, data: new Float64Array(core.rows * n) };
  for (let i = 0; i < core.rows; i++) for (let j = 0; j < n; j++) US.data[i * n + j] = Un.get(i, j) * sigma[j];
  const V: Mat = { rows: core.cols, cols: n, data: new Float64Array(core.cols * n) };
  for (let i = 0; i < core.cols; i++) for (let j = 0; j < n; j++) V.data[i * n + j] = Vn.get(i, j);
  const B = await mm(QB, US);
  const A = transpose(await mm(QA, V));
  return { factors: { B, A }, droppedEnergy: total > 0 ? Math.max(0, (total - kept) / total) : 0, totalEnergy: total };
}

const toMatrix = (m: Mat) => new Matrix(Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols))));
const zeroFactors = (rows: number, cols: number, r: number): LoraFactors => ({
  B: { rows, cols: r, data: new Float64Array(rows * r) },
  A: { rows: r, cols, data: new Float64Array(r * cols) },
});
