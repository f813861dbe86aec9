// The last step shared by TIES, DARE, Breadcrumbs and DELLA (mergekit: generalized_task_arithmetic.py):
//   sign_i = sgn(sum_t v_t,i) (mass) or sgn(sum_t sgn v_t,i) (count); with no consensus every entry counts;
//   out_i = sum_t [v_t,i agrees] v_t,i / divisor_i, divisor = the count of agreeing entries (the TIES
//   paper's disjoint mean), the sum of their terms' weights (mergekit's normalize), or 1.
// One deliberate difference from mergekit: a zero vote elects no sign (sgn 0 = 0, the paper's equation),
// where mergekit elects +; with float sums this only matters for count votes that split evenly.
import { z } from 'zod';

export const consensusSchema = z.enum(['none', 'mass', 'count']);
export const divisorSchema = z.enum(['count', 'weights', 'none']);
export type Consensus = z.output<typeof consensusSchema>;
export type Divisor = z.output<typeof divisorSchema>;

export function mixVectors(
  vectors: readonly Float32Array[],
  out: Float32Array,
  opts: { consensus: Consensus; divisor: Divisor; weights?: readonly number[]; scale: number },
): void {
  const { consensus, divisor, scale } = opts;
  const weights = opts.weights ?? vectors.map(() => 1);
  for (let i = 0; i < out.length; i++) {
    let sign = 0;
    if (consensus !== 'none') {
      let vote = 0;
      for (const v of vectors) vote += consensus === 'mass' ? v[i] : Math.sign(v[i]);
      sign = Math.sign(vote);
    }
    let sum = 0, count = 0, weight = 0;
    vectors.forEach((v, t) => {
      if (consensus !== 'none' && (v[i] === 0 || Math.sign(v[i]) !== sign)) return;
      sum += v[i];
      count++;
      weight += weights[t];
    });
    const d = divisor === 'count' ? count || 1 : divisor === 'weights' ? (Math.abs(weight) < 1e-8 ? 1 : weight) : 1;
    out[i] = consensus !== 'none' && count === 0 ? 0 : (scale * sum) / d;
  }
}
