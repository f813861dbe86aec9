// TIES-merging: theta = theta_0 + lambda * disjoint_mean(elect(trim(v_t)))
import { z } from 'zod';
import type { EditMethod } from './method';

export const tiesParams = z
  .object({
    name: z.literal('ties'),
    lambda: z.number().min(-10).max(10).default(1),
    /** Share of each vector's entries kept by magnitude (the paper's k = 20%). */
    density: z.number().gt(0).lte(1).default(0.2),
    /** Sign election: by total mass (the paper) or by a count of signs. */
    election: z.enum(['mass', 'count']).default('mass'),
  })
  .strict();
export type TiesParams = z.output<typeof tiesParams>;

/** Magnitude below which an entry is trimmed so that `density` of the entries survive. */
function trimThreshold(v: Float32Array, density: number): number {
  const keep = Math.round(density * v.length);
  if (keep >= v.length) return -1;
  if (keep <= 0) return Infinity;
  const mags = Float32Array.from(v, Math.abs).sort();
  return mags[v.length - keep - 1];
}

export const ties: EditMethod<TiesParams> = {
  name: 'ties',
  title: 'TIES-merging',
  paper: 'https://arxiv.org/abs/2306.01708',
  equation: 'theta_0 + lambda * mean over agreeing signs of trim_k(v_t)',
  params: tiesParams as z.ZodType<TiesParams>,
  apply(vectors, { lambda, density, election }, out) {
    // Ties at the threshold keep every entry of equal magnitude: deterministic, at most a few extra.
    const trimmed = vectors.map((v) => {
      const t = trimThreshold(v, density);
      return v.map((x) => (Math.abs(x) > t ? x : 0));
    });
    for (let i = 0; i < out.length; i++) {
      let vote = 0;
      for (const v of trimmed) vote += election === 'mass' ? v[i] : Math.sign(v[i]);
      const sign = Math.sign(vote);
      let sum = 0;
      let count = 0;
      for (const v of trimmed) {
        if (v[i] !== 0 && Math.sign(v[i]) === sign) {
          sum += v[i];
          count++;
        }
      }
      out[i] = count ? (lambda * sum) / count : 0;
    }
  },
};
