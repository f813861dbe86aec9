// RAM, Reinforced Agent Merging: https://arxiv.org/abs/2601.13572 (mergekit: ram, ramplus_tl)
//   per entry: active_t = |tau_t| > epsilon;  n = #active;
//   merged = sum over entries touched by one task of tau_t (unique, kept whole)
//          + mean_t over entries touched by several of the active tau_t (shared, averaged);
//   RAM+ (tensor-local): each task's unique entries are scaled by 1 + r * clip(rho_t, 0, alpha),
//   rho_t = (its shared active entries) / (its unique active entries) in this tensor.
//   theta = theta_0 + lambda * merged. An element-wise cousin of this project's shared / unique split.
import { z } from 'zod';
import type { EditMethod } from './method';

export const ramParams = z
  .object({
    name: z.literal('ram'),
    lambda: z.number().min(-10).max(10).default(1),
    /** Magnitude at or below which an entry counts as untouched (mergekit's default 1e-5). */
    epsilon: z.number().min(0).max(1).default(1e-5),
    /** RAM+ rescale strength of unique entries (0: plain RAM; mergekit's ramplus_tl default 0.1). */
    r: z.number().min(0).max(10).default(0),
    /** RAM+ bound on the shared / unique ratio (mergekit's default 0.2). */
    alpha: z.number().min(0).max(10).default(0.2),
  })
  .strict();
export type RamParams = z.output<typeof ramParams>;

export const ram: EditMethod<RamParams> = {
  name: 'ram',
  title: 'RAM (element-wise shared / unique)',
  paper: 'https://arxiv.org/abs/2601.13572',
  equation: 'theta_0 + lambda * (sum_t unique-entry tau_t * (1 + r clip(rho_t, 0, alpha)) + mean over active t of shared-entry tau_t)',
  params: ramParams as z.ZodType<RamParams>,
  apply(vectors, { lambda, epsilon, r, alpha }, out) {
    const n = out.length;
    const counts = new Uint16Array(n);
    for (const v of vectors) for (let i = 0; i < n; i++) if (Math.abs(v[i]) > epsilon) counts[i]++;
    const boost = vectors.map((v) => {
      if (r === 0) return 1;
      let shared = 0, unique = 0;
      for (let i = 0; i < n; i++) if (Math.abs(v[i]) > epsilon) counts[i] > 1 ? shared++ : unique++;
      return 1 + r * Math.min(alpha, Math.max(0, shared / Math.max(unique, epsilon)));
    });
    for (let i = 0; i < n; i++) {
      let s = 0;
      vectors.forEach((v, t) => {
        if (Math.abs(v[i]) > epsilon) s += counts[i] === 1 ? boost[t] * v[i] : v[i] / counts[i];
      });
      out[i] = lambda * s;
    }
  },
};
