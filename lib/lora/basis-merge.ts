// KnOTS and Core Space (lib/recipe/methods/knots.ts, core-space.ts) on LoRA terms in factor form,
// exactly, as one LoRA of rank <= the sum of the terms' ranks:
//   [B_1 A_1 | ... | B_k A_k] = Q_B [R_B,1 R_1^T | ... | R_B,k R_k^T] diag(Q_t)^T  with [B_1 .. B_k] = Q_B R_B,
//   A_t^T = Q_t R_t, so the SVD of the small middle matrix, u s v^T, gives U = Q_B u and V_t = Q_t v_t
//   (v_t: task t's rows of v), the same singular triplets as the dense SVD, never d_out x d_in.
//   KnOTS:      delta = lambda (U S) merge(V_1..V_k)^T           B' = lambda U S,  A' = merge(V_t)^T
//   Core Space: delta = lambda U merge(U^T B_t A_t V) V^T        B' = lambda U M,  A' = V^T
// Singular directions below significantRank's round-off are dropped, as the dense methods do, so
// trims count the same entries; the SVD's sign choice cancels in U merge(.)^T.
import { Matrix } from 'ml-matrix';
import type { CoreSpaceParams } from '../recipe/methods/core-space';
import type { KnotsParams } from '../recipe/methods/knots';
import { firstColumns, hstack, significantRank, thinSvd } from '../recipe/methods/matrix-svd';
import { mergeCoordinates } from '../recipe/methods/merge-coordinates';
import type { Mat } from '../linalg/mat';
import { type LoraFactors, transposeFactors } from './lora-factors';

const toMatrix = (m: Mat) => new Matrix(Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols))));
const toMat = (m: Matrix): Mat => ({ rows: m.rows, cols: m.columns, data: Float64Array.from(m.to1DArray()) });

/** Orthonormal Q and R with M = Q R, from the thin SVD (Q = U, R = S V^T); rank-deficient M is fine. */
function qr(m: Matrix): { Q: Matrix; R: Matrix } {
  const { U, s, V } = thinSvd(m);
  return { Q: U, R: Matrix.diag(s).mmul(V.transpose()) };
}

/** The significant singular triplets of [B_1 A_1 | ... | B_k A_k]: U (d_out x q), s, and each task's block of V (d_in x q). */
export function stackedSvd(parts: LoraFactors[]): { U: Matrix; s: number[]; V: Matrix[] } {
  const Bs = parts.map((p) => toMatrix(p.B));
  const { Q: QB, R: RB } = qr(hstack(Bs));
  const As = parts.map((p) => qr(toMatrix(p.A).transpose()));
  let c0 = 0;
  const middle = hstack(
    parts.map((p, t) => {
      const r = p.B.cols;
      const block = r ? RB.subMatrix(0, RB.rows - 1, c0, c0 + r - 1) : new Matrix(RB.rows, 0);
      c0 += r;
      return r ? block.mmul(As[t].R.transpose()) : new Matrix(RB.rows, As[t].Q.columns);
    }),
  );
  const { U: u, s: all, V: v } = thinSvd(middle);
  const q = significantRank(all);
  let r0 = 0;
  const V = As.map(({ Q }) => {
    const rows = Q.columns;
    const vt = rows && q ? v.subMatrix(r0, r0 + rows - 1, 0, q - 1) : new Matrix(rows, q);
    r0 += rows;
    return rows ? Q.mmul(vt) : new Matrix(Q.rows, q);
  });
  return { U: QB.mmul(firstColumns(u, q)), s: all.slice(0, q), V };
}

/** Terms that are exactly zero (rank 0, or a zero coefficient) are left out, as the dense methods leave out zero vectors. */
const live = (parts: LoraFactors[]) => parts.filter((p) => p.B.cols > 0 && p.B.data.some((x) => x !== 0) && p.A.data.some((x) => x !== 0));
const none = (like: LoraFactors): LoraFactors => ({ B: { rows: like.B.rows, cols: 0, data: new Float64Array(0) }, A: { rows: 0, cols: like.A.cols, data: new Float64Array(0) } });

/** A d x q matrix flattened row-major, as the dense methods lay out their coordinates. */
const flat = (m: Matrix) => Float32Array.from(m.to1DArray());

/** KnOTS over LoRA terms (coefficients folded into B): one LoRA of rank <= sum of ranks. */
export function knotsFactors(all: LoraFactors[], { lambda, merge, density }: KnotsParams): LoraFactors {
  const parts = live(all);
  if (!parts.length) return none(all[0]);
  const { U, s, V } = stackedSvd(parts);
  const q = s.length, cols = parts[0].A.cols;
  const merged = new Float32Array(cols * q);
  mergeCoordinates(V.map(flat), merge, density, merged);
  const B = U.mmul(Matrix.diag(s)).mul(lambda);
  return { B: toMat(B), A: toMat(Matrix.from1DArray(cols, q, Array.from(merged)).transpose()) };
}

/** Core Space over LoRA terms: the cores U^T B_t A_t V are q_U x q_V, merged entry by entry. */
export function coreSpaceFactors(all: LoraFactors[], { lambda, merge, density }: CoreSpaceParams): LoraFactors {
  const parts = live(all);
  if (!parts.length) return none(all[0]);
  const U = stackedSvd(parts).U; // left singular vectors of [tau_1 | ... | tau_k]
  const V = stackedSvd(parts.map(transposeFactors)).U; // left singular vectors of [tau_1^T | ... | tau_k^T]
  if (!U.columns || !V.columns) return none(parts[0]);
  const cores = parts.map((p) => flat(U.transpose().mmul(toMatrix(p.B)).mmul(toMatrix(p.A).mmul(V))));
  const merged = new Float32Array(U.columns * V.columns);
  mergeCoordinates(cores, merge, density, merged);
  const M = Matrix.from1DArray(U.columns, V.columns, Array.from(merged));
  return { B: toMat(U.mmul(M).mul(lambda)), A: toMat(V.transpose()) };
}
