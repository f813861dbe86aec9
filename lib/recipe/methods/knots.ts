// KnOTS, merging in an aligned basis (Stoica et al., ICLR 2025, "Model merging with SVD to tie the KnOTS"):
// https://arxiv.org/abs/2410.19735
//   per matrix: [tau_1 | tau_2 | ... | tau_k] = U S [V_1; ...; V_k]^T   (one SVD of the tasks side by side)
//   every task is U S V_t^T in the same basis U S, so its coordinates V_t (d_in x r) can be merged
//   entry by entry: V = TIES(V_1..V_k) (trim to density, elect signs by mass, disjoint mean) or sum;
//   theta = theta_0 + lambda * U S V^T.  With merge "sum" this is task arithmetic exactly.
//   1-D tensors have no basis: the same merge on the raw vectors.
// The paper aligns LoRA updates; it works the same on any task vectors, so it is a baseline for
// both the LoRA sets and the full checkpoints here.
import { Matrix } from 'ml-matrix';
import { z } from 'zod';
import type { EditMethod } from './method';
import { firstColumns, hstack, matrixOf, significantRank, thinSvd, writeProduct } from './matrix-svd';
import { mergeCoordinates } from './merge-coordinates';

export const knotsParams = z
  .object({
    name: z.literal('knots'),
    lambda: z.number().min(-10).max(10).default(1),
    /** How the aligned coordinates are merged (the paper's best: TIES). */
    merge: z.enum(['ties', 'sum']).default('ties'),
    /** TIES keep share per task's coordinates. */
    density: z.number().gt(0).lte(1).default(0.2),
  })
  .strict();
export type KnotsParams = z.output<typeof knotsParams>;

export const knots: EditMethod<KnotsParams> = {
  name: 'knots',
  title: 'KnOTS (aligned SVD basis)',
  paper: 'https://arxiv.org/abs/2410.19735',
  equation: 'theta_0 + lambda * U S merge(V_1..V_k)^T, where [tau_1 .. tau_k] = U S [V_1; ..; V_k]^T',
  params: knotsParams as z.ZodType<KnotsParams>,
  apply(vectors, { lambda, merge, density }, out, ctx) {
    if (!ctx?.shape || ctx.shape.length < 2) return mergeCoordinates(vectors, merge, density, out, lambda);
    // A zero vector (an empty shared part, a zero coefficient) has no coordinates: leave it out, so
    // round-off in its block of V cannot count in the disjoint mean.
    const mats = vectors.filter((v) => v.some((x) => x !== 0)).map((v) => matrixOf(v, ctx.shape)!);
    if (!mats.length) return void out.fill(0);
    const cols = mats[0].columns;
    const svd = thinSvd(hstack(mats)); // V: (k cols) x r
    // Only the directions the tasks span: a null direction's coordinates are arbitrary.
    const r = significantRank(svd.s);
    const U = firstColumns(svd.U, r), s = svd.s.slice(0, r), V = firstColumns(svd.V, r);
    // Task t's coordinates: rows [t cols, (t + 1) cols) of V, flattened row-major (cols x r).
    const coords = mats.map((_, t) => Float32Array.from({ length: cols * r }, (_, i) => V.get(t * cols + Math.floor(i / r), i % r)));
    const merged = new Float32Array(cols * r);
    mergeCoordinates(coords, merge, density, merged);
    const Vm = new Matrix(cols, r);
    for (let i = 0; i < cols; i++) for (let j = 0; j < r; j++) Vm.set(i, j, merged[i * r + j]);
    writeProduct(U, s, Vm, lambda, out);
  },
};
