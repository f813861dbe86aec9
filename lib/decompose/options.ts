import { z } from 'zod';

/**
 * Every choice METHOD.md leaves open is an option here, with the documented default.
 * The schema is part of the recipe, so links and the CLI carry the same values.
 */
export const decomposeOptionsSchema = z
  .object({
    /** rho: a task subspace keeps the fewest singular directions holding this share of sum(sigma^2). */
    energy: z.number().gt(0).lte(1).default(0.9),
    /** Optional cap on each task's rank r_i. */
    maxRank: z.number().int().min(1).max(4096).nullable().default(null),
    /** eta: eigenvalues of the chained projection at or above this count as shared (0.85 ~ 22.8 degrees). */
    eta: z.number().gt(0).lte(1).default(0.85),
    /**
     * "left": output/column space; "right": input/row space; "auto": per matrix, the side whose
     * top chained eigenvalue stands furthest above its null model (docs/method.md), else left.
     */
    side: z.enum(['left', 'right', 'auto']).default('left'),
    /** 1-D tensors have no subspace: keep them whole in the unique part, or call their mean shared. */
    vectors: z.enum(['unique', 'shared-mean']).default('unique'),
    /** Tasks (0-based) the shared subspace is computed over; null = all. Every task is split against it. */
    over: z.array(z.number().int().min(0).max(63)).max(64).nullable().default(null),
    /**
     * Controls: replace the shared subspace by the top-s singular directions of sum_i tau_i, by a
     * random s-dim subspace (same size), or by the fewest top singular directions of sum_i tau_i
     * holding the same share of the tasks' energy (energy-matched), to check a gain is due to the
     * decomposition.
     */
    control: z.enum(['none', 'top-singular', 'random', 'energy-matched']).default('none'),
    /** Seed of the random control. */
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
  })
  .strict();

export type DecomposeOptions = z.output<typeof decomposeOptionsSchema>;
export type DecomposeOptionsInput = z.input<typeof decomposeOptionsSchema>;

export const defaultDecomposeOptions: DecomposeOptions = decomposeOptionsSchema.parse({});

/** Singular values below this fraction of the largest are numerical noise (float32 products). */
export const RANK_TOLERANCE = 1e-3;
