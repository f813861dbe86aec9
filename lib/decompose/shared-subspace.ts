import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { MatmulEngine } from '../linalg/engine';
import { type Mat, leadingColumns, orthonormalColumns } from '../linalg/mat';
import { symmetricEig } from './task-basis';

export interface SharedSubspace {
  /** Orthonormal d x s basis of the shared subspace (float64). */
  Z: Mat;
  /** Moduli of the eigenvalues of the chained projection P_1 ... P_k, descending (k = 2: cos^2 of principal angles). */
  eigenvalues: number[];
}

/** A threshold above every eigenvalue modulus (at most 1): `sharedSubspace` returns the spectrum only. */
export const SPECTRUM_ONLY = 2;

const empty = (d: number): SharedSubspace => ({ Z: { rows: d, cols: 0, data: new Float64Array(0) }, eigenvalues: [] });

const toMatrix = (m: Mat) => new Matrix(Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols))));
const fromMatrix = (m: Matrix): Mat => ({ rows: m.rows, cols: m.columns, data: Float64Array.from(m.to1DArray()) });

/**
 * Subspace left invariant by every task's projection, via the small chained product
 * M = (U_1^T U_2)(U_2^T U_3)...(U_k^T U_1): its non-zero spectrum is that of P_1 P_2 ... P_k,
 * and its eigenvectors map into span(U_1). Work is O(d r^2), never d x d.
 */
export async function sharedSubspace(bases: Mat[], eta: number, engine: MatmulEngine): Promise<SharedSubspace> {
  const d = bases[0]?.rows ?? 0;
  const k = bases.length;
  if (k < 2 || bases.some((U) => U.cols === 0)) return empty(d);

  let M: Matrix | null = null;
  for (let i = 0; i < k; i++) {
    const C = toMatrix(await engine.matmul(bases[i], bases[(i + 1) % k], true, false));
    M = M ? M.mmul(C) : C;
  }
  const r1 = bases[0].cols;
  const picked: number[][] = []; // columns of A (r1-vectors) spanning the kept eigenspaces
  let moduli: number[];
  if (k === 2) {
    // M = C C^T is symmetric: its eigenvalues are cos^2 of the principal angles.
    const { values, vectors } = symmetricEig(fromMatrix(M!));
    moduli = values.map((v) => Math.min(Math.max(v, 0), 1));
    moduli.forEach((v, j) => v >= eta && picked.push(Array.from({ length: r1 }, (_, i) => vectors.data[i * r1 + j])));
  } else {
    // The product of k >= 3 projections is not symmetric: eigenvalues may come in complex pairs,
    // stored by ml-matrix as (real part, imaginary part) columns; keep the real span of both.
    const eig = new EigenvalueDecomposition(M!);
    const re = eig.realEigenvalues;
    const im = eig.imaginaryEigenvalues;
    const V = eig.eigenvectorMatrix;
    moduli = re.map((x, j) => Math.hypot(x, im[j]));
    for (let j = 0; j < r1; j++) {
      if (moduli[j] < eta) continue;
      picked.push(V.getColumn(j));
      if (im[j] !== 0 && j + 1 < r1) picked.push(V.getColumn(++j));
    }
    moduli.sort((a, b) => b - a);
  }
  if (!picked.length) return { ...empty(d), eigenvalues: moduli };

  const A = orthonormalColumns({ rows: r1, cols: picked.length, data: Float64Array.from(new Matrix(picked).transpose().to1DArray()) });
  const Z1 = await engine.matmul(bases[0], A);

  // Z1 lies in span(U_1), so it leans toward task 1. Rayleigh-Ritz with the mean projector
  // P = (1/k) sum_i P_i on span{P_i Z1} gives a basis symmetric in the tasks and independent of
  // how the eigenspace was parametrised (k = 2: exactly the bisectors of the principal pairs).
  const s = Z1.cols;
  const columns: Mat[] = [Z1];
  for (const U of bases.slice(1)) columns.push(await engine.matmul(U, await engine.matmul(U, Z1, true, false)));
  const Q = orthonormalColumns(hstack(columns));
  let PQ: Float64Array = new Float64Array(d * Q.cols);
  for (const U of bases) {
    const part = await engine.matmul(U, await engine.matmul(U, Q, true, false));
    for (let i = 0; i < PQ.length; i++) PQ[i] += part.data[i] / k;
  }
  const H = await engine.matmul(Q, { rows: d, cols: Q.cols, data: PQ }, true, false);
  const { vectors } = symmetricEig(H);
  const Z = await engine.matmul(Q, leadingColumns(vectors, s));
  return { Z: orthonormalColumns({ rows: d, cols: s, data: Float64Array.from(Z.data) }), eigenvalues: moduli };
}

function hstack(parts: Mat[]): Mat {
  const rows = parts[0].rows;
  const cols = parts.reduce((c, p) => c + p.cols, 0);
  const data = new Float64Array(rows * cols);
  let offset = 0;
  for (const p of parts) {
    for (let i = 0; i < rows; i++) for (let j = 0; j < p.cols; j++) data[i * cols + offset + j] = p.data[i * p.cols + j];
    offset += p.cols;
  }
  return { rows, cols, data };
}
