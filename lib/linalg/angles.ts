import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import type { Mat } from './mat';

/** Principal angles (degrees, ascending) between the spans of two orthonormal bases. */
export function principalAnglesDeg(a: Mat, b: Mat): number[] {
  if (!a.cols || !b.cols) return [];
  const A = new Matrix(a.rows, a.cols);
  const B = new Matrix(b.rows, b.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) A.set(i, j, a.data[i * a.cols + j]);
  for (let i = 0; i < b.rows; i++) for (let j = 0; j < b.cols; j++) B.set(i, j, b.data[i * b.cols + j]);
  const svd = new SingularValueDecomposition(A.transpose().mmul(B), { autoTranspose: true });
  return svd.diagonal.map((c) => (Math.acos(Math.min(1, c)) * 180) / Math.PI).sort((x, y) => x - y);
}
