// TIES-merging: theta = theta_0 + lambda * disjoint_mean(elect(trim(v_t)))
//   trim: keep the `density` share of each v_t's entries by magnitude (a term may set its own density);
//   elect: sign by mass or count; disjoint mean: over agreeing entries, divided per `normalize`
//   (count: the paper's mean; weights: mergekit's normalize, by the agreeing terms' coefficients; none: the sum).
// Trimming keeps round(density n) entries plus any tied at the threshold; mergekit keeps floor(density n).
import { z } from 'zod';
import type { EditMethod } from './method';
import { divisorSchema, mixVectors } from './mix-vectors';

export const tiesParams = z
  .object({
    name: z.literal('ties'),
    lambda: z.number().min(-10).max(10).default(1),
    /** Share of each vector's entries kept by magnitude (the paper's k = 20%). */
    density: z.number().gt(0).lte(1).default(0.2),
    /** Sign election: by total mass (the paper) or by a count of signs. */
    election: z.enum(['mass', 'count']).default('mass'),
    /** What the sum over agreeing entries is divided by (absent: count, the paper's disjoint mean). */
    normalize: divisorSchema.optional(),
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

/** v with all but its `density` share of largest magnitudes set to zero (ties at the threshold kept). */
export function tiesTrim(v: Float32Array, density: number): Float32Array {
  const th = trimThreshold(v, density);
  return v.map((x) => (Math.abs(x) > th ? x : 0));
}

export const ties: EditMethod<TiesParams> = {
  name: 'ties',
  title: 'TIES-merging',
  paper: 'https://arxiv.org/abs/2306.01708',
  equation: 'theta_0 + lambda * mean over agreeing signs of trim_k(v_t)',
  params: tiesParams as z.ZodType<TiesParams>,
  apply(vectors, { lambda, density, election, normalize }, out, ctx) {
    // Ties at the threshold keep every entry of equal magnitude: deterministic, at most a few extra.
    const trimmed = vectors.map((v, t) => tiesTrim(v, ctx?.densities?.[t] ?? density));
    mixVectors(trimmed, out, { consensus: election, divisor: normalize ?? 'count', weights: ctx?.weights, scale: lambda });
  },
};
