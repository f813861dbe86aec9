// DELLA-Merging (Deep, Bhardwaj, Hee, Poria 2024): https://arxiv.org/abs/2406.11617
//   MagPrune: within each row, entries ranked by magnitude are kept with probability
//     p = density - epsilon + 2 epsilon (rank - 1) / (n - 1)  (smallest -> largest), then divided by p;
//   elect signs by mass, fuse over agreeing entries: theta = theta_0 + lambda * sum_t [agrees] tau_t'.
// mergekit's della (consensus mass, normalize on, L1 rescale) and della_linear (no consensus) map here;
// rows are the tensor's first dimension (a 1-D tensor is one row); masks seeded by (seed, tensor, task).
import { z } from 'zod';
import type { EditMethod } from './method';
import { consensusSchema, mixVectors } from './mix-vectors';
import { applyMask, dellaProbabilities, maskRng, rescaleSchema } from './sparsify';

export const dellaParams = z
  .object({
    name: z.literal('della'),
    lambda: z.number().min(-10).max(10).default(1),
    /** Mean keep probability (a term's density overrides it). */
    density: z.number().gt(0).lte(1).default(0.4),
    /** Half-width of the keep probabilities around density (mergekit's default 0.15). */
    epsilon: z.number().min(0).lt(1).default(0.15),
    consensus: consensusSchema.default('mass'),
    /** inverse: divide by each entry's p (the paper); l1: mergekit's rescale. */
    rescale: rescaleSchema.default('inverse'),
    /** Divide by the sum of the (agreeing) terms' coefficients, as mergekit's normalize. */
    normalize: z.boolean().default(false),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
  })
  .strict();
export type DellaParams = z.output<typeof dellaParams>;

export const della: EditMethod<DellaParams> = {
  name: 'della',
  title: 'DELLA (MagPrune)',
  paper: 'https://arxiv.org/abs/2406.11617',
  equation: 'theta_0 + lambda * sum_t [sign agrees] mask_t * tau_t / p, p rising with magnitude rank in [density - eps, density + eps]',
  params: dellaParams as z.ZodType<DellaParams>,
  apply(vectors, { lambda, density, epsilon, consensus, rescale, normalize, seed }, out, ctx) {
    const rows = ctx && ctx.shape.length > 1 ? ctx.shape[0] : 1;
    const pruned = vectors.map((v, t) => {
      const d = ctx?.densities?.[t] ?? density;
      if (d >= 1) return v;
      const p = dellaProbabilities(v, rows, d, epsilon);
      const rng = maskRng(seed, ctx?.name ?? '', t);
      const mask = Uint8Array.from(p, (pi) => (rng() < pi ? 1 : 0));
      return applyMask(v, mask, rescale, (i) => p[i]);
    });
    mixVectors(pruned, out, { consensus, divisor: normalize ? 'weights' : 'none', weights: ctx?.weights, scale: lambda });
  },
};
