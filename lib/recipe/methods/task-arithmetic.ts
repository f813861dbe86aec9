// theta = theta_0 + lambda * sum_t (c_t * component_t)
// normalize (optional, mergekit's): divide by sum_t c_t, so weights act as a weighted average.
import { z } from 'zod';
import type { EditMethod } from './method';

export const taskArithmeticParams = z
  .object({
    name: z.literal('task_arithmetic'),
    lambda: z.number().min(-10).max(10).default(1),
    /** Divide by the sum of the terms' coefficients at each tensor (mergekit's linear merge, normalize: true). */
    normalize: z.boolean().optional(),
  })
  .strict();
export type TaskArithmeticParams = z.output<typeof taskArithmeticParams>;

export const taskArithmetic: EditMethod<TaskArithmeticParams> = {
  name: 'task_arithmetic',
  title: 'Task arithmetic',
  paper: 'https://arxiv.org/abs/2212.04089',
  equation: 'theta_0 + lambda * sum_t c_t * component_t',
  params: taskArithmeticParams as z.ZodType<TaskArithmeticParams>,
  apply(vectors, { lambda, normalize }, out, ctx) {
    out.fill(0);
    for (const v of vectors) for (let i = 0; i < out.length; i++) out[i] += v[i];
    const scale = lambda / (normalize ? weightSum(ctx?.weights ?? vectors.map(() => 1)) : 1);
    for (let i = 0; i < out.length; i++) out[i] *= scale;
  },
};

/** mergekit's divisor: the weights' sum, or 1 when it is (near) zero. */
export function weightSum(weights: readonly number[]): number {
  const s = weights.reduce((a, b) => a + b, 0);
  return Math.abs(s) < 1e-8 ? 1 : s;
}
