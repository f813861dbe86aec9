import { z } from 'zod';
import { STYLE_NAMES, type StyleName } from './dataset/styles';

const coefficient = (label: string) => z.number().min(0).max(3).meta({ label, step: 0.05 });
const perStyle = (symbol: string) => z.object(Object.fromEntries(STYLE_NAMES.map((s) => [s, coefficient(`${symbol}${s}`)])) as Record<StyleName, ReturnType<typeof coefficient>>).strict();

/**
 * Everything the /style page shows is a function of this object: it is what a link carries.
 * `naive` is the coefficient of each full task vector (tau_A + tau_B at 1, 1); `beta` weights each
 * unique component and `gamma` the shared one (tau_S = mean of the shared parts, counted once).
 */
export const styleStateSchema = z
  .object({
    styles: z.array(z.enum(STYLE_NAMES)).min(2).max(3),
    naive: perStyle('λ · τ_'),
    beta: perStyle('β · unique_'),
    gamma: coefficient('γ · shared (τ_S, counted once)'),
    /** Energy kept by each task subspace (rho) and the shared-eigenvalue cut (eta), METHOD.md. */
    energy: z.number().min(0.5).max(1).meta({ label: 'ρ (energy per task subspace)', step: 0.01 }),
    eta: z.number().min(0.3).max(1).meta({ label: 'η (shared eigenvalue cut)', step: 0.01 }),
    /** 1-D tensors (biases) have no subspace: whole in each unique part, or their mean counted as shared. */
    vectors: z.enum(['unique', 'shared-mean']),
    steps: z.number().int().min(2).max(100).meta({ label: 'Sampler steps', slider: { max: 60 } }),
    guidance: z.number().min(1).max(6).meta({ label: 'Guidance', step: 0.25, slider: { max: 5 } }),
    samples: z.number().int().min(4).max(16).meta({ label: 'Samples' }),
    seed: z.number().int().min(0).max(9999).meta({ label: 'Noise seed', slider: { max: 99 } }),
  })
  .strict();

export type StyleState = z.output<typeof styleStateSchema>;

/**
 * 2: the styles became red, badge and underline (bold, night and dashed are gone).
 * 3: the models were rebuilt (v3: the house change is a paper tint planted in a common house fine-tune).
 */
export const STYLE_STATE_VERSION = 3;

export const defaultStyleState = (): StyleState => ({
  styles: ['red', 'badge'],
  naive: { red: 1, badge: 1, underline: 1 },
  beta: { red: 1, badge: 1, underline: 1 },
  gamma: 1,
  energy: 0.95,
  eta: 0.85,
  vectors: 'shared-mean',
  steps: 24,
  guidance: 2,
  samples: 8,
  seed: 0,
});
