// Core Space merging (Panariello et al., NeurIPS 2025, "Accurate and Efficient Low-Rank Model Merging
// in Core Space"): https://arxiv.org/abs/2509.17786
//   per matrix: U = left singular basis of [tau_1 | ... | tau_k], V = right singular basis of
//   [tau_1; ...; tau_k] (non-zero singular values only); every tau_t lies in span U x span V, so its
//   core M_t = U^T tau_t V is lossless. Merge the cores entry by entry, M = TIES(M_1..M_k) (trim,
//   elect by mass, disjoint mean) or sum, and map back: theta = theta_0 + lambda * U M V^T.
//   With merge "sum" this is task arithmetic exactly. For LoRA tasks (tau_t = B_t A_t) the bases are
//   those of the stacked B's and A's, of size k r, which is the paper's point: merging costs r-sized
//   matrices. 1-D tensors have no basis: the same merge on the raw vectors.
import { Matrix } from 'ml-matrix';
import { z } from 'zod';
import type { EditMethod } from './method';
import { hstack, matrixOf, significantRank, thinSvd } from './matrix-svd';
import { mergeCoordinates } from './merge-coordinates';

export const coreSpaceParams = z
  .object({
    name: z.literal('core_space'),
    lambda: z.number().min(-10).max(10).default(1),
    merge: z.enum(['ties', 'sum']).default('ties'),
    /** TIES keep share of each task's core. */
    density: z.number().gt(0).lte(1).default(0.2),
  })
  .strict();
export type CoreSpaceParams = z.output<typeof coreSpaceParams>;

/** Columns of U from a thin SVD whose singular values are above round-off (the span of m's columns). */
function columnBasis(m: Matrix): Matrix {
  const { U, s } = thinSvd(m);
  const keep = significantRank(s);
  return keep ? U.subMatrix(0, U.rows - 1, 0, keep - 1) : new Matrix(U.rows, 0);
}

export const coreSpace: EditMethod<CoreSpaceParams> = {
  name: 'core_space',
  title: 'Core Space',
  paper: 'https://arxiv.org/abs/2509.17786',
  equation: 'theta_0 + lambda * U merge(U^T tau_t V) V^T, U, V bases of the stacked task vectors',
  params: coreSpaceParams as z.ZodType<CoreSpaceParams>,
  apply(vectors, { lambda, merge, density }, out, ctx) {
    if (!ctx?.shape || ctx.shape.length < 2) return mergeCoordinates(vectors, merge, density, out, lambda);
    const mats = vectors.map((v) => matrixOf(v, ctx.shape)!);
    const U = columnBasis(hstack(mats)); // d_out x R
    const V = columnBasis(hstack(mats.map((m) => m.transpose()))); // d_in x R'
    if (!U.columns || !V.columns) return void out.fill(0);
    const cores = mats.map((m) => Float32Array.from(U.transpose().mmul(m).mmul(V).to1DArray()));
    const merged = new Float32Array(U.columns * V.columns);
    mergeCoordinates(cores, merge, density, merged);
    const M = Matrix.from1DArray(U.columns, V.columns, Array.from(merged));
    const delta = U.mmul(M).mmul(V.transpose()).to1DArray();
    for (let i = 0; i < out.length; i++) out[i] = lambda * delta[i];
  },
};
