import { type Mat, transpose } from '../linalg/mat';

/**
 * One matrix's split kept small: the shared basis Z and, per task, F_i = Z^T tau_i (left side,
 * s x d_in) or Z^T tau_i^T (right side, s x d_out). shared_i = Z F_i (or its transpose) and
 * unique_i = tau_i - shared_i are formed only when asked for.
 */
export interface FactoredSplit {
  side: 'left' | 'right';
  /** The tensor viewed as d_out x d_in. */
  rows: number;
  cols: number;
  /** Orthonormal basis of the shared subspace in the compared space (d x s). */
  basis: Mat;
  factors: Mat[];
}

/** shared_i in the tensor's own d_out x d_in layout, in float32. */
export function materialiseShared(split: FactoredSplit, task: number): Float32Array {
  const { rows, cols, basis: Z } = split;
  const F = split.factors[task];
  const out = new Float32Array(rows * cols);
  if (Z.cols === 0) return out;
  // left: shared = Z F; right: shared = (Z F)^T = F^T Z^T. Either way (rows x s)(s x cols).
  const [A, M] = split.side === 'left' ? [Z, F] : [transpose(F), transpose(Z)];
  const s = A.cols;
  const row = new Float64Array(cols);
  for (let a = 0; a < rows; a++) {
    row.fill(0);
    for (let c = 0; c < s; c++) {
      const w = A.data[a * s + c];
      const base = c * cols;
      for (let b = 0; b < cols; b++) row[b] += w * M.data[base + b];
    }
    for (let b = 0; b < cols; b++) out[a * cols + b] = row[b];
  }
  return out;
}

/** Bytes the factored form holds (basis plus factors). */
export const factoredBytes = (split: FactoredSplit) =>
  split.basis.data.byteLength + split.factors.reduce((n, f) => n + f.data.byteLength, 0);
