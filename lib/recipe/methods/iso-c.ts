// Iso-C, isotropic merging in the common subspace (Marczak et al., ICML 2025): https://arxiv.org/abs/2502.04959
//   per matrix: sum_t tau_t = U S V^T ;  theta = theta_0 + lambda * mean(diag S) * U V^T
//   (the task-arithmetic sum with its spectrum flattened);  1-D tensors: theta_0 + lambda * mean_t tau_t
import { z } from 'zod';
import type { EditMethod } from './method';
import { sumMatrix, thinSvd, writeMean, writeProduct } from './matrix-svd';

export const isoCParams = z.object({ name: z.literal('iso_c'), lambda: z.number().min(-10).max(10).default(1) }).strict();
export type IsoCParams = z.output<typeof isoCParams>;

export const isoC: EditMethod<IsoCParams> = {
  name: 'iso_c',
  title: 'Iso-C',
  paper: 'https://arxiv.org/abs/2502.04959',
  equation: 'theta_0 + lambda * mean(S) U V^T, where sum_t tau_t = U S V^T',
  params: isoCParams as z.ZodType<IsoCParams>,
  apply(vectors, { lambda }, out, ctx) {
    if (!ctx?.shape || ctx.shape.length < 2) return writeMean(vectors, lambda, out);
    const { U, s, V } = thinSvd(sumMatrix(vectors, ctx.shape));
    const mean = s.reduce((a, b) => a + b, 0) / s.length;
    writeProduct(U, s.map(() => mean), V, lambda, out);
  },
};
