/** Per-cell metrics of a sampled grid against the ground truth of its target combination. */
import { colourError } from '../../lib/demos/style/colour-error';
import { imageQuality, type StyleCalibration, styleScores, type StyleStats } from '../../lib/demos/style/scores';
import type { CellGrid } from './eval-sampling';

export interface GridMetrics {
  /** Per cell (icon-major): whole-image Delta-E, Delta-E of the two outer rings, ink-map match. */
  deltaE: Float64Array;
  borderDeltaE: Float64Array;
  quality: Float64Array;
  /** Calibrated style scores of the whole grid (mean statistic, then calibrated). */
  scores: StyleStats;
}

const mean = (a: Float64Array) => a.reduce((s, x) => s + x, 0) / Math.max(1, a.length);

/** `truth` holds one render per icon of the grid (in the grid's class order). */
export function gridMetrics(images: Uint8Array, truth: Uint8Array, g: CellGrid, cal: StyleCalibration): GridMetrics {
  const n = g.classes.length * g.seeds.length;
  const deltaE = new Float64Array(n), borderDeltaE = new Float64Array(n), quality = new Float64Array(n);
  for (let i = 0; i < g.classes.length; i++)
    for (let s = 0; s < g.seeds.length; s++) {
      const k = i * g.seeds.length + s, e = colourError(images, truth, k, i);
      deltaE[k] = e.all;
      borderDeltaE[k] = e.border;
      quality[k] = imageQuality(images, truth, k, i);
    }
  return { deltaE, borderDeltaE, quality, scores: styleScores(images, n, cal) };
}

export const summary = (m: GridMetrics) => ({ deltaE: mean(m.deltaE), borderDeltaE: mean(m.borderDeltaE), quality: mean(m.quality), scores: m.scores });
