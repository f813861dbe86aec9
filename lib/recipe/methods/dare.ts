// DARE, drop and rescale (Yu et al., ICML 2024, "Language Models are Super Mario"): https://arxiv.org/abs/2311.03099
//   per task and entry: m ~ Bernoulli(1 - p);  tau_t' = m * tau_t / (1 - p)   (unbiased: E[tau_t'] = tau_t)
//   theta = theta_0 + lambda * sum_t tau_t'   (DARE before task arithmetic); masks seeded by (seed, tensor, task)
import { z } from 'zod';
import { mulberry32 } from '../../util/random';
import type { EditMethod } from './method';

export const dareParams = z
  .object({
    name: z.literal('dare'),
    lambda: z.number().min(-10).max(10).default(1),
    /** Drop rate p (the paper uses up to 0.9). */
    drop: z.number().min(0).lt(1).default(0.9),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
  })
  .strict();
export type DareParams = z.output<typeof dareParams>;

/** FNV-1a of the tensor name: each tensor gets its own mask stream, whatever order tensors are visited in. */
function nameHash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export const dare: EditMethod<DareParams> = {
  name: 'dare',
  title: 'DARE + task arithmetic',
  paper: 'https://arxiv.org/abs/2311.03099',
  equation: 'theta_0 + lambda * sum_t mask_t * tau_t / (1 - p), mask_t ~ Bernoulli(1 - p)',
  params: dareParams as z.ZodType<DareParams>,
  apply(vectors, { lambda, drop, seed }, out, ctx) {
    out.fill(0);
    const keep = 1 - drop, scale = lambda / keep;
    vectors.forEach((v, t) => {
      const rng = mulberry32((seed * 0x9e3779b1 + nameHash(ctx?.name ?? '') + 7919 * (t + 1)) >>> 0);
      for (let i = 0; i < out.length; i++) if (rng() < keep) out[i] += scale * v[i];
    });
  },
};
