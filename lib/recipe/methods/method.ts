import type { z } from 'zod';

export interface MethodContext {
  name: string;
  shape: readonly number[];
  /** Each vector's coefficient at this tensor (vectors already carry it): mergekit-style normalisation divides by their sum. */
  weights?: readonly number[];
  /** Per-vector densities set by the terms (undefined entries use the method's own density). */
  densities?: readonly (number | undefined)[];
}

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
  /** ctx: the tensor's name and shape (SVD methods view 2+-D tensors as matrices; DARE seeds its masks by name). */
  apply(vectors: Float32Array[], params: P, out: Float32Array, ctx?: MethodContext): void;
}
