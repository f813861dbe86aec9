// Model Breadcrumbs (Davari & Belilovsky, ECCV 2024): https://arxiv.org/abs/2312.06795
//   per task: drop the gamma share of largest-magnitude entries (outliers) and the smallest ones,
//   keeping `density` of the entries: tau_t' = m_t * tau_t;  theta = theta_0 + lambda * sum_t tau_t'
// mergekit's breadcrumbs (no consensus) and breadcrumbs_ties (consensus: mass) are both this method.
import { z } from 'zod';
import type { EditMethod } from './method';
import { consensusSchema, mixVectors } from './mix-vectors';
import { outlierMask } from './sparsify';

export const breadcrumbsParams = z
  .object({
    name: z.literal('breadcrumbs'),
    lambda: z.number().min(-10).max(10).default(1),
    /** Share of entries kept (a term's density overrides it). */
    density: z.number().gt(0).lte(1).default(0.2),
    /** Share of the largest-magnitude entries dropped (mergekit's default 0.01). */
    gamma: z.number().min(0).lt(1).default(0.01),
    consensus: consensusSchema.default('none'),
    /** Divide by the sum of the (agreeing) terms' coefficients, as mergekit's normalize. */
    normalize: z.boolean().default(false),
  })
  .strict();
export type BreadcrumbsParams = z.output<typeof breadcrumbsParams>;

export const breadcrumbs: EditMethod<BreadcrumbsParams> = {
  name: 'breadcrumbs',
  title: 'Model Breadcrumbs',
  paper: 'https://arxiv.org/abs/2312.06795',
  equation: 'theta_0 + lambda * sum_t mask_t * tau_t, mask_t drops the top gamma and the smallest magnitudes',
  params: breadcrumbsParams as z.ZodType<BreadcrumbsParams>,
  apply(vectors, { lambda, density, gamma, consensus, normalize }, out, ctx) {
    const kept = vectors.map((v, t) => {
      const mask = outlierMask(v, ctx?.densities?.[t] ?? density, gamma);
      return v.map((x, i) => (mask[i] ? x : 0));
    });
    mixVectors(kept, out, { consensus, divisor: normalize ? 'weights' : 'none', weights: ctx?.weights, scale: lambda });
  },
};
