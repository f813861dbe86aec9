/** Samples one weight set on a grid of icons x noise seeds, in large batches (one ORT call per sampler step). */
import { ditPixels, type DitConfig } from '../../lib/models/tiny-dit';
import type { DitSession } from '../../lib/onnx/dit-session';
import { sampleImages } from '../../lib/demos/style/sampler';
import type { WeightSet } from '../../lib/tensors/weight-set';

export interface CellGrid {
  /** Icon classes (items) and noise seeds; cell (i, s) is sample i * seeds.length + s. */
  classes: number[];
  seeds: number[];
}

/** The page's seed rule: sample at position p of the grid under seed s starts from noise seed s * 1000 + p. */
export const noiseSeed = (seed: number, position: number) => seed * 1000 + position;

export const cellCount = (g: CellGrid) => g.classes.length * g.seeds.length;

/** Rows counted for the throughput report: one per sample, step and guidance half. */
export let rowsSampled = 0;

export async function sampleGrid(session: DitSession, ws: WeightSet, cfg: DitConfig, g: CellGrid, sampler: { steps: number; guidance: number }, batch = 288): Promise<Uint8Array> {
  const labels: number[] = [], seeds: number[] = [];
  g.classes.forEach((c, p) => g.seeds.forEach((s) => (labels.push(c), seeds.push(noiseSeed(s, p)))));
  const D = ditPixels(cfg), out = new Uint8Array(labels.length * D);
  for (let from = 0; from < labels.length; from += batch) {
    const l = labels.slice(from, from + batch), s = seeds.slice(from, from + batch);
    const imgs = await sampleImages({ velocity: (x, t, lab) => session.velocity(ws, x, t, lab), labels: l, seeds: s, steps: sampler.steps, guidance: sampler.guidance, nullLabel: cfg.classes, pixels: D });
    out.set(imgs, from * D);
    rowsSampled += l.length * sampler.steps * (sampler.guidance === 1 ? 1 : 2);
  }
  return out;
}
