import { z } from 'zod';

/** The /learn page's state: the 3-D toy and the synthetic panel. A link carries all of it. */
export const learnStateSchema = z
  .object({
    toy: z.object({ k: z.number().int().min(2).max(3), spread: z.number().min(0).max(60), eta: z.number().min(0.5).max(1) }).strict(),
    synthetic: z
      .object({
        d: z.number().int().min(64).max(256),
        k: z.number().int().min(2).max(4),
        sharedDim: z.number().int().min(0).max(16),
        privateDim: z.number().int().min(1).max(12),
        noise: z.number().min(0).max(1),
        eta: z.number().min(0.5).max(1),
        energy: z.number().min(0.5).max(1),
        seed: z.number().int().min(1).max(20),
      })
      .strict(),
  })
  .strict();

export type LearnState = z.output<typeof learnStateSchema>;
export const LEARN_STATE_VERSION = 1;
export const defaultLearnState: LearnState = {
  toy: { k: 3, spread: 5, eta: 0.85 },
  synthetic: { d: 128, k: 3, sharedDim: 4, privateDim: 6, noise: 0.1, eta: 0.85, energy: 0.9, seed: 1 },
};
