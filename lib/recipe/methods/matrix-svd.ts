/**
 * Small dense SVD tools for the SVD-based merging methods (TSV-M, Iso-C, Iso-CTS). A tensor with
 * 2 or more dims is viewed as a d_out x (product of the rest) matrix, as everywhere in the project.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';

export interface Svd { U: Matrix; s: number[]; V: Matrix }

/** The matrix view of a flat tensor, or null for 1-D tensors (they have no singular vectors). */
export function matrixOf(data: Float32Array, shape: readonly number[] | undefined): Matrix | null {
  if (!shape || shape.length < 2) return null;
  const rows = shape[0], cols = data.length / rows;
  const m = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m.set(i, j, data[i * cols + j]);
  return m;
}

/** Thin SVD, singular values descending. */
export function thinSvd(m: Matrix): Svd {
  const d = new SingularValueDecomposition(m, { autoTranspose: true });
  const r = Math.min(m.rows, m.columns);
  return { U: d.leftSingularVectors.subMatrix(0, m.rows - 1, 0, r - 1), s: d.diagonal.slice(0, r), V: d.rightSingularVectors.subMatrix(0, m.columns - 1, 0, r - 1) };
}

/**
 * How many singular values carry the matrix: those above round-off relative to the largest. The
 * SVD merges (KnOTS, Core Space) work on these only, so directions of a null space (whose basis is
 * arbitrary) never compete in a trim, and a LoRA's factor form gives the same basis as its dense form.
 */
export const significantRank = (s: readonly number[]): number => s.filter((x) => x > 1e-5 * (s[0] || 1)).length;

/** The nearest matrix with orthonormal columns (polar factor P Q^T of A = P S Q^T). */
export function orthogonalise(a: Matrix): Matrix {
  const { U, V } = thinSvd(a);
  return U.mmul(V.transpose());
}

/** First n columns. */
export const firstColumns = (m: Matrix, n: number): Matrix => (n <= 0 ? new Matrix(m.rows, 0) : m.subMatrix(0, m.rows - 1, 0, n - 1));

/** Columns side by side. */
export function hstack(ms: Matrix[]): Matrix {
  const rows = ms[0].rows, cols = ms.reduce((a, m) => a + m.columns, 0);
  const out = new Matrix(rows, cols);
  let c0 = 0;
  for (const m of ms) {
    for (let i = 0; i < rows; i++) for (let j = 0; j < m.columns; j++) out.set(i, c0 + j, m.get(i, j));
    c0 += m.columns;
  }
  return out;
}

/** out = lambda * U diag(s) V^T, written into a flat tensor. */
export function writeProduct(U: Matrix, s: number[], V: Matrix, lambda: number, out: Float32Array): void {
  const rows = U.rows, cols = V.rows, r = s.length;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
    let acc = 0;
    for (let k = 0; k < r; k++) acc += U.get(i, k) * s[k] * V.get(j, k);
    out[i * cols + j] = lambda * acc;
  }
}

/** 1-D tensors (biases, norm scales): the mean over tasks, scaled, as the SVD methods' papers do. */
export function writeMean(vectors: Float32Array[], lambda: number, out: Float32Array): void {
  out.fill(0);
  for (const v of vectors) for (let i = 0; i < out.length; i++) out[i] += v[i];
  for (let i = 0; i < out.length; i++) out[i] *= lambda / vectors.length;
}

export function sumMatrix(vectors: Float32Array[], shape: readonly number[]): Matrix {
  const sum = new Float32Array(vectors[0].length);
  for (const v of vectors) for (let i = 0; i < sum.length; i++) sum[i] += v[i];
  return matrixOf(sum, shape)!;
}
