// Iso-CTS, isotropic merging in common and task-specific subspaces (Marczak et al., ICML 2025): https://arxiv.org/abs/2502.04959
//   per matrix (r = min(d_out, d_in), k tasks): sum_t tau_t = U S V^T; common part = top c = round(f r) triplets (f = 0.8);
//   each task's residual (I - U_c U_c^T) tau_t gives its top (r - c)/k triplets;
//   U* = polar([U_c, U_1'..U_k']), V* = polar([V_c, V_1'..V_k']), sigma = mean of all kept singular values;
//   theta = theta_0 + lambda * sigma U* V*^T ;  1-D tensors: theta_0 + lambda * mean_t tau_t
import type { Matrix } from 'ml-matrix';
import { z } from 'zod';
import type { EditMethod } from './method';
import { firstColumns, hstack, matrixOf, orthogonalise, sumMatrix, thinSvd, writeMean, writeProduct } from './matrix-svd';

export const isoCtsParams = z
  .object({
    name: z.literal('iso_cts'),
    lambda: z.number().min(-10).max(10).default(1),
    /** Share of the rank kept for the common subspace (the paper: 0.8). */
    commonShare: z.number().min(0).lte(1).default(0.8),
  })
  .strict();
export type IsoCtsParams = z.output<typeof isoCtsParams>;

export const isoCts: EditMethod<IsoCtsParams> = {
  name: 'iso_cts',
  title: 'Iso-CTS',
  paper: 'https://arxiv.org/abs/2502.04959',
  equation: 'theta_0 + lambda * sigma polar([U_c, U_t..]) polar([V_c, V_t..])^T, common = top 80% of sum_t tau_t',
  params: isoCtsParams as z.ZodType<IsoCtsParams>,
  apply(vectors, { lambda, commonShare }, out, ctx) {
    if (!ctx?.shape || ctx.shape.length < 2) return writeMean(vectors, lambda, out);
    const sum = thinSvd(sumMatrix(vectors, ctx.shape));
    const r = sum.s.length, k = vectors.length;
    const per = Math.floor((r - Math.round(commonShare * r)) / k);
    const c = r - per * k; // rank not handed to a task stays common
    const Uc = firstColumns(sum.U, c);
    const Us: Matrix[] = [Uc], Vs: Matrix[] = [firstColumns(sum.V, c)];
    const sigmas = sum.s.slice(0, c);
    if (per > 0) {
      for (const v of vectors) {
        const m = matrixOf(v, ctx.shape)!;
        const residual = m.clone().sub(Uc.mmul(Uc.transpose().mmul(m)));
        const d = thinSvd(residual);
        Us.push(firstColumns(d.U, per));
        Vs.push(firstColumns(d.V, per));
        sigmas.push(...d.s.slice(0, per));
      }
    }
    const sigma = sigmas.reduce((a, b) => a + b, 0) / sigmas.length;
    writeProduct(orthogonalise(hstack(Us)), sigmas.map(() => sigma), orthogonalise(hstack(Vs)), lambda, out);
  },
};
