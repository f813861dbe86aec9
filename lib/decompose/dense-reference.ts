import { EigenvalueDecomposition, Matrix, SingularValueDecomposition } from 'ml-matrix';
import { type Mat, orthonormalColumns } from '../linalg/mat';
import { energyRank } from './task-basis';

/**
 * The method written the slow, obvious way in float64: explicit d x d projectors and their
 * chained product. Only for checking the efficient implementation on small sizes.
 */
export function denseReferenceSplit(Ws: Mat[], energy: number, eta: number): { Z: Mat; shared: Float64Array[] } {
  const d = Ws[0].rows;
  const toM = (w: Mat) => new Matrix(Array.from({ length: w.rows }, (_, i) => Array.from(w.data.subarray(i * w.cols, (i + 1) * w.cols))));
  const bases = Ws.map((w) => {
    const svd = new SingularValueDecomposition(toM(w), { autoTranspose: true });
    const r = energyRank(svd.diagonal, energy, null);
    return svd.leftSingularVectors.subMatrix(0, d - 1, 0, r - 1);
  });
  const projectors = bases.map((U) => U.mmul(U.transpose()));
  const chain = projectors.reduce((acc, P) => acc.mmul(P));
  const eig = new EigenvalueDecomposition(chain);
  const cols: number[][] = [];
  eig.realEigenvalues.forEach((v, j) => Math.hypot(v, eig.imaginaryEigenvalues[j]) >= eta && cols.push(eig.eigenvectorMatrix.getColumn(j)));
  if (!cols.length) return { Z: { rows: d, cols: 0, data: new Float64Array(0) }, shared: Ws.map((w) => new Float64Array(w.data.length)) };
  const Z1 = orthonormalColumns({ rows: d, cols: cols.length, data: Float64Array.from(new Matrix(cols).transpose().to1DArray()) });
  // Same task-symmetric basis: Rayleigh-Ritz of the mean projector on span{P_i Z1}.
  const s = Z1.cols;
  const Zm = new Matrix(d, s);
  for (let i = 0; i < d; i++) for (let j = 0; j < s; j++) Zm.set(i, j, Z1.data[i * s + j]);
  const stacked = new Matrix(d, s * Ws.length);
  projectors.forEach((P, t) => stacked.setSubMatrix(P.mmul(Zm), 0, t * s));
  const Q = orthonormalColumns({ rows: d, cols: stacked.columns, data: Float64Array.from(stacked.to1DArray()) });
  const Qm = new Matrix(d, Q.cols);
  for (let i = 0; i < d; i++) for (let j = 0; j < Q.cols; j++) Qm.set(i, j, Q.data[i * Q.cols + j]);
  const mean = projectors.reduce((a, P) => a.add(P), Matrix.zeros(d, d)).div(Ws.length);
  const H = Qm.transpose().mmul(mean).mmul(Qm);
  const eigH = new EigenvalueDecomposition(H, { assumeSymmetric: true });
  const order = eigH.realEigenvalues.map((_, i) => i).sort((a, b) => eigH.realEigenvalues[b] - eigH.realEigenvalues[a]);
  const Y = new Matrix(Q.cols, s);
  order.slice(0, s).forEach((src, j) => Y.setColumn(j, eigH.eigenvectorMatrix.getColumn(src)));
  const Zr = Qm.mmul(Y);
  const Z = orthonormalColumns({ rows: d, cols: s, data: Float64Array.from(Zr.to1DArray()) });
  const Zmat = new Matrix(d, Z.cols);
  for (let i = 0; i < d; i++) for (let j = 0; j < Z.cols; j++) Zmat.set(i, j, Z.data[i * Z.cols + j]);
  const shared = Ws.map((w) => Float64Array.from(Zmat.mmul(Zmat.transpose().mmul(toM(w))).to1DArray()));
  return { Z, shared };
}
