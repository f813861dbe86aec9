// TSV-M, Task Singular Vectors merge (Gargiulo et al., CVPR 2025): https://arxiv.org/abs/2412.00081
//   per matrix: tau_t = U_t S_t V_t^T, keep each task's top r/k singular triplets (r = min(d_out, d_in), k tasks),
//   U = [U_1..U_k], V = [V_1..V_k], S = blockdiag(S_1..S_k);  U_perp = polar(U), V_perp = polar(V)
//   theta = theta_0 + lambda * U_perp S V_perp^T ;  1-D tensors: theta_0 + lambda * mean_t tau_t
import { z } from 'zod';
import type { EditMethod } from './method';
import { firstColumns, hstack, matrixOf, orthogonalise, thinSvd, writeMean, writeProduct } from './matrix-svd';

export const tsvMergeParams = z
  .object({
    name: z.literal('tsv_merge'),
    lambda: z.number().min(-10).max(10).default(1),
    /** Share of each matrix's rank given to all tasks together (the paper: 1, i.e. r/k each). */
    rankShare: z.number().gt(0).lte(1).default(1),
  })
  .strict();
export type TsvMergeParams = z.output<typeof tsvMergeParams>;

export const tsvMerge: EditMethod<TsvMergeParams> = {
  name: 'tsv_merge',
  title: 'TSV-M',
  paper: 'https://arxiv.org/abs/2412.00081',
  equation: 'theta_0 + lambda * polar([U_1..U_k]) blockdiag(S_1..S_k) polar([V_1..V_k])^T, top r/k triplets per task',
  params: tsvMergeParams as z.ZodType<TsvMergeParams>,
  apply(vectors, { lambda, rankShare }, out, ctx) {
    const mats = vectors.map((v) => matrixOf(v, ctx?.shape));
    if (!mats[0]) return writeMean(vectors, lambda, out);
    const r = Math.min(mats[0].rows, mats[0].columns);
    const per = Math.max(1, Math.floor((rankShare * r) / vectors.length));
    const svds = mats.map((m) => thinSvd(m!));
    const U = orthogonalise(hstack(svds.map((d) => firstColumns(d.U, per))));
    const V = orthogonalise(hstack(svds.map((d) => firstColumns(d.V, per))));
    writeProduct(U, svds.flatMap((d) => d.s.slice(0, per)), V, lambda, out);
  },
};
