import { z } from 'zod';
import { STYLE_NAMES } from '../datasets/style/styles';

const coefficient = z.number().min(0).max(3);
const perStyle = z.object({ red: coefficient, badge: coefficient, underline: coefficient }).strict();

/**
 * Everything the /style page shows is a function of this object: it is what a link carries.
 * `naive` is the coefficient of each full task vector (tau_A + tau_B at 1, 1); `beta` weights each
 * unique component and `gamma` the shared one (tau_S = mean of the shared parts, counted once).
 */
export const styleStateSchema = z
  .object({
    styles: z.array(z.enum(STYLE_NAMES)).min(2).max(3),
    naive: perStyle,
    beta: perStyle,
    gamma: coefficient,
    /** Energy kept by each task subspace (rho) and the shared-eigenvalue cut (eta), METHOD.md. */
    energy: z.number().min(0.5).max(1),
    eta: z.number().min(0.3).max(1),
    /** 1-D tensors (biases) have no subspace: whole in each unique part, or their mean counted as shared. */
    vectors: z.enum(['unique', 'shared-mean']),
    steps: z.number().int().min(2).max(100),
    guidance: z.number().min(1).max(6),
    samples: z.number().int().min(4).max(16),
    seed: z.number().int().min(0).max(9999),
  })
  .strict();

export type StyleState = z.output<typeof styleStateSchema>;

/** 2: the styles became red, badge and underline (bold, night and dashed are gone). */
export const STYLE_STATE_VERSION = 2;

export const defaultStyleState = (): StyleState => ({
  styles: ['red', 'badge'],
  naive: { red: 1, badge: 1, underline: 1 },
  beta: { red: 1, badge: 1, underline: 1 },
  gamma: 1,
  energy: 0.9,
  eta: 0.85,
  vectors: 'shared-mean',
  steps: 24,
  guidance: 2,
  samples: 8,
  seed: 0,
});
