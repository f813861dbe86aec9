import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { type MatmulEngine, type Resident, multiply } from '../linalg/engine';
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
 * and its eigenvectors map into span(U_1). Work is O(d r^2), never d x d. The bases go to the
 * engine once and the d-sized products run there; what comes back are small coordinate matrices
 * (U_i^T X), each batch in one read: three reads in all, whatever k.
 */
export async function sharedSubspace(bases: Mat[], eta: number, engine: MatmulEngine): Promise<SharedSubspace> {
  const d = bases[0]?.rows ?? 0;
  const k = bases.length;
  if (k < 2 || bases.some((U) => U.cols === 0)) return empty(d);

  const residents = bases.map((U) => engine.upload(U));
  try {
    const chain = await coordinates(engine, residents, residents.map((_, i) => residents[(i + 1) % k]));
    let M: Matrix | null = null;
    for (const C of chain) M = M ? M.mmul(toMatrix(C)) : toMatrix(C);
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
    const Z1 = multiply(bases[0], A);

    // Z1 lies in span(U_1), so it leans toward task 1. Rayleigh-Ritz with the mean projector
    // P = (1/k) sum_i P_i on span{P_i Z1} gives a basis symmetric in the tasks and independent of
    // how the eigenspace was parametrised (k = 2: exactly the bisectors of the principal pairs).
    // P_i X = U_i (U_i^T X), and Q^T P Q = (1/k) sum_i (U_i^T Q)^T (U_i^T Q).
    const s = Z1.cols;
    const towards = await coordinatesOf(engine, residents.slice(1), Z1);
    const Q = orthonormalColumns(hstack([Z1, ...towards.map((B, i) => multiply(bases[i + 1], B))]));
    const H: Mat = { rows: Q.cols, cols: Q.cols, data: new Float64Array(Q.cols * Q.cols) };
    for (const B of await coordinatesOf(engine, residents, Q)) {
      const BB = multiply(B, B, true, false);
      for (let i = 0; i < H.data.length; i++) H.data[i] += BB.data[i] / k;
    }
    const { vectors } = symmetricEig(H);
    const Z = multiply(Q, leadingColumns(vectors, s));
    return { Z: orthonormalColumns(Z), eigenvalues: moduli };
  } finally {
    engine.free(...residents);
  }
}

/** U_i^T X_i for resident pairs, read back together. */
async function coordinates(engine: MatmulEngine, Us: Resident[], Xs: Resident[]): Promise<Mat[]> {
  const products = Us.map((U, i) => engine.mul(U, Xs[i], true, false));
  try {
    return await engine.readAll(products);
  } finally {
    engine.free(...products);
  }
}

/** U_i^T X for one host matrix X, uploaded for the call. */
async function coordinatesOf(engine: MatmulEngine, Us: Resident[], X: Mat): Promise<Mat[]> {
  const resident = engine.upload(X);
  try {
    return await coordinates(engine, Us, Us.map(() => resident));
  } finally {
    engine.free(resident);
  }
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
