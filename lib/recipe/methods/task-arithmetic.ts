// theta = theta_0 + lambda * sum_t (c_t * component_t)
import { z } from 'zod';
import type { EditMethod } from './method';

export const taskArithmeticParams = z
  .object({ name: z.literal('task_arithmetic'), lambda: z.number().min(-10).max(10).default(1) })
  .strict();
export type TaskArithmeticParams = z.output<typeof taskArithmeticParams>;

export const taskArithmetic: EditMethod<TaskArithmeticParams> = {
  name: 'task_arithmetic',
  title: 'Task arithmetic',
  paper: 'https://arxiv.org/abs/2212.04089',
  equation: 'theta_0 + lambda * sum_t c_t * component_t',
  params: taskArithmeticParams as z.ZodType<TaskArithmeticParams>,
  apply(vectors, { lambda }, out) {
    out.fill(0);
    for (const v of vectors) for (let i = 0; i < out.length; i++) out[i] += v[i];
    for (let i = 0; i < out.length; i++) out[i] *= lambda;
  },
};
