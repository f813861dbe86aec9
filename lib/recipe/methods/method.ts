import type { z } from 'zod';

/**
 * One edit method: how the recipe's term vectors (coefficient x component, per tensor) become
 * the weight delta added to theta_0. apply() is pure maths on one tensor: no I/O, no progress.
 */
export interface EditMethod<P extends { name: string }> {
  /** Stable snake_case id: links carry it. */
  name: P['name'];
  title: string;
  paper: string;
  equation: string;
  params: z.ZodType<P>;
  apply(vectors: Float32Array[], params: P, out: Float32Array): void;
}
