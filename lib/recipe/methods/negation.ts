// theta = theta_0 - lambda * sum_t (c_t * component_t)
import { z } from 'zod';
import type { EditMethod } from './method';
import { taskArithmetic } from './task-arithmetic';

export const negationParams = z.object({ name: z.literal('negation'), lambda: z.number().min(0).max(10).default(1) }).strict();
export type NegationParams = z.output<typeof negationParams>;

/** Task arithmetic with the sign flipped: kept separate so a recipe says what it means. */
export const negation: EditMethod<NegationParams> = {
  name: 'negation',
  title: 'Negation',
  paper: 'https://arxiv.org/abs/2212.04089',
  equation: 'theta_0 - lambda * sum_t c_t * component_t',
  params: negationParams as z.ZodType<NegationParams>,
  apply(vectors, { lambda }, out) {
    taskArithmetic.apply(vectors, { name: 'task_arithmetic', lambda: -lambda }, out);
  },
};
