import { z } from 'zod';

/** The /learn page's state: the 3-D toy and the synthetic panel. A link carries all of it. */
export const learnStateSchema = z
  .object({
    toy: z
      .object({
        k: z.number().int().min(2).max(3).meta({ label: 'Tasks' }),
        spread: z.number().min(0).max(60).meta({ label: "How far the tasks' common direction drifts apart", step: 1 }),
        eta: z.number().min(0.5).max(1).meta({ label: 'Threshold eta', step: 0.01 }),
      })
      .strict(),
    synthetic: z
      .object({
        d: z.number().int().min(64).max(256).meta({ label: 'Dimension d', step: 32 }),
        k: z.number().int().min(2).max(4).meta({ label: 'Tasks k' }),
        sharedDim: z.number().int().min(0).max(16).meta({ label: 'Planted shared dimension' }),
        privateDim: z.number().int().min(1).max(12).meta({ label: 'Private dimensions per task' }),
        noise: z.number().min(0).max(1).meta({ label: 'Noise', step: 0.05 }),
        eta: z.number().min(0.5).max(1).meta({ label: 'Threshold eta', step: 0.01 }),
        energy: z.number().min(0.5).max(1).meta({ label: 'Energy kept per task (rho)', step: 0.01 }),
        seed: z.number().int().min(1).max(20).meta({ label: 'Seed' }),
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
