import { z } from 'zod';

/**
 * Everything the /merge page shows is a function of this object: it is what a link carries.
 * The schema is also the page's property table (lib/url-state/property-table): labels, slider
 * steps and ranges live in `.meta()`.
 * Defaults: lambdas tuned on the validation split by `npm run eval:merge` (docs/results.md).
 */
export const mergeStateSchema = z
  .object({
    tasks: z.array(z.string().regex(/^[a-z0-9-]{1,24}$/)).min(2).max(8),
    /** Tasks the shared subspace is computed over; empty = all merged tasks. */
    sharedOver: z.array(z.string().regex(/^[a-z0-9-]{1,24}$/)).max(8).default([]),
    lambda: z
      .object({
        task_arithmetic: z.number().min(0).max(2).meta({ label: 'λ task arithmetic', step: 0.05 }),
        ties: z.number().min(0).max(3).meta({ label: 'λ TIES', step: 0.05 }),
        ta_shared: z.number().min(0).max(2).meta({ label: 'λ TA + shared', step: 0.05 }),
        unique_shared: z.number().min(0).max(2).meta({ label: 'λ unique + shared once', step: 0.05 }),
      })
      .strict(),
    /** Weight of tau_S added to task arithmetic. */
    alpha: z.number().min(-8).max(80).meta({ label: 'α (extra shared)', step: 0.25, slider: { max: 40 }, hint: 'TA + shared adds α·τ_S' }),
    /** Weight of tau_S when the shared part is counted once: sum unique_i + gamma * tau_S. */
    gamma: z.number().min(0).max(100).meta({ label: 'γ (shared counted once)', step: 0.25, slider: { max: 40 }, hint: 'unique + shared once uses γ·τ_S; γ = 1/λ gives it once' }),
    density: z.number().min(0.01).max(1).meta({ label: 'TIES density', step: 0.05, slider: { min: 0.05 }, hint: "share of each vector's entries kept" }),
    energy: z.number().min(0.5).max(1).meta({ label: 'Energy ρ', step: 0.01 }),
    eta: z.number().min(0.3).max(1).meta({ label: 'Threshold η', step: 0.01 }),
    side: z.enum(['left', 'right', 'auto']),
    control: z.enum(['none', 'top-singular', 'random', 'energy-matched']),
    /** Which shared-part method the control re-runs with its subspace. */
    controlForm: z.enum(['ta_shared', 'unique_shared']).default('ta_shared'),
    seed: z.number().int().min(0).max(9999).meta({ label: 'Seed of the random control' }),
  })
  .strict();

export type MergeState = z.output<typeof mergeStateSchema>;

export const MERGE_STATE_VERSION = 1;

/**
 * The evaluated configuration (docs/merge-protocol-v4.md): right side, rho 0.97, eta 0.85, and the coefficients
 * `npm run eval:merge` tuned on validation for the shipped seed (docs/results/merge.json); unique + shared once
 * gives the shared part dose 1 (gamma = 1 / lambda).
 */
export const defaultMergeState = (tasks: string[]): MergeState => ({
  tasks,
  sharedOver: [],
  lambda: { task_arithmetic: 0.0875, ties: 0.25, ta_shared: 0.05, unique_shared: 0.0375 },
  alpha: 8,
  gamma: 1 / 0.0375,
  density: 0.2,
  energy: 0.97,
  eta: 0.85,
  side: 'right',
  control: 'none',
  controlForm: 'ta_shared',
  seed: 0,
});
