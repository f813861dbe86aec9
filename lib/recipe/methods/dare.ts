// DARE, drop and rescale (Yu et al., ICML 2024, "Language Models are Super Mario"): https://arxiv.org/abs/2311.03099
//   per task and entry: m ~ Bernoulli(1 - p);  tau_t' = m * tau_t / (1 - p)   (unbiased: E[tau_t'] = tau_t)
//   theta = theta_0 + lambda * sum_t tau_t'   (DARE before task arithmetic); masks seeded by (seed, tensor, task)
// Optional, for mergekit's dare_linear / dare_ties: TIES sign consensus over the tau_t', mergekit's
// L1 rescale instead of 1 / (1 - p), and division by the (agreeing) terms' coefficients.
import { z } from 'zod';
import type { EditMethod } from './method';
import { consensusSchema, mixVectors } from './mix-vectors';
import { applyMask, maskRng, rescaleSchema } from './sparsify';

export const dareParams = z
  .object({
    name: z.literal('dare'),
    lambda: z.number().min(-10).max(10).default(1),
    /** Drop rate p (the paper uses up to 0.9); a term's density sets its own 1 - p. */
    drop: z.number().min(0).lt(1).default(0.9),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
    /** Sign election after dropping (absent: none, plain DARE; mass: mergekit's dare_ties). */
    consensus: consensusSchema.optional(),
    /** Absent: inverse, 1 / (1 - p) as in the paper. */
    rescale: rescaleSchema.optional(),
    /** Divide by the sum of the (agreeing) terms' coefficients, as mergekit's normalize. */
    normalize: z.boolean().optional(),
  })
  .strict();
export type DareParams = z.output<typeof dareParams>;

export const dare: EditMethod<DareParams> = {
  name: 'dare',
  title: 'DARE + task arithmetic',
  paper: 'https://arxiv.org/abs/2311.03099',
  equation: 'theta_0 + lambda * sum_t mask_t * tau_t / (1 - p), mask_t ~ Bernoulli(1 - p)',
  params: dareParams as z.ZodType<DareParams>,
  apply(vectors, { lambda, drop, seed, consensus, rescale, normalize }, out, ctx) {
    const dropped = vectors.map((v, t) => {
      const keep = ctx?.densities?.[t] ?? 1 - drop;
      if (keep >= 1) return v;
      const rng = maskRng(seed, ctx?.name ?? '', t);
      const mask = Uint8Array.from(v, () => (rng() < keep ? 1 : 0));
      return keep <= 0 ? new Float32Array(v.length) : applyMask(v, mask, rescale ?? 'inverse', () => keep);
    });
    mixVectors(dropped, out, { consensus: consensus ?? 'none', divisor: normalize ? 'weights' : 'none', weights: ctx?.weights, scale: lambda });
  },
};
