import { beforeAll, describe, expect, it } from 'vitest';
import type { MatmulEngine } from '../linalg/engine';
import { plantedTasks } from '../synthetic/planted';
import { engineCases } from '../test-support/engines';
import type { WeightSet } from '../tensors/weight-set';
import { decomposeWeights } from './decompose-weights';

const LAYERS = 8;
const [ROWS, COLS] = [512, 300];
const K = 3;

/** A model of LAYERS planted 512 x 300 matrices and a bias each: base 0, so tau_i = theta_i. */
function plantedModel(): { base: WeightSet; tasks: WeightSet[] } {
  const base: WeightSet = { tensors: {} };
  const tasks: WeightSet[] = Array.from({ length: K }, () => ({ tensors: {} }));
  for (let l = 0; l < LAYERS; l++) {
    const { tasks: mats } = plantedTasks({ d: ROWS, n: COLS, k: K, sharedDim: 4, privateDim: 6, noise: 0.05, seed: 40 + l });
    base.tensors[`h.${l}.weight`] = { shape: [ROWS, COLS], data: new Float32Array(ROWS * COLS) };
    base.tensors[`h.${l}.bias`] = { shape: [ROWS], data: new Float32Array(ROWS) };
    mats.forEach((m, i) => {
      tasks[i].tensors[`h.${l}.weight`] = { shape: [ROWS, COLS], data: Float32Array.from(m.data) };
      tasks[i].tensors[`h.${l}.bias`] = { shape: [ROWS], data: new Float32Array(ROWS).fill(i) };
    });
  }
  return { base, tasks };
}

/** Records the most the engine held (above what it held before) after every upload and product. */
function watched(inner: MatmulEngine) {
  const baseline = inner.heldBytes();
  const seen = { peak: 0 };
  const note = <T>(x: T) => ((seen.peak = Math.max(seen.peak, inner.heldBytes() - baseline)), x);
  const engine: MatmulEngine = {
    ...inner,
    upload: (a, t) => note(inner.upload(a, t)),
    mul: (a, b, ta, tb) => note(inner.mul(a, b, ta, tb)),
  };
  return { engine, seen, baseline };
}

// tfjs-wasm, the engine of the CLI and of the page without WebGPU (tfjs-cpu holds bytes the same way, only slower).
describe.each(engineCases.slice(2))('memory while decomposing tensor by tensor on $label', ({ setup, engine: inner }) => {
  beforeAll(setup);

  it('holds about the largest layer x k on the engine, not the model, and keeps only factors', async () => {
    const { base, tasks } = plantedModel();
    const { engine, seen, baseline } = watched(inner);
    const layerBytes = ROWS * COLS * 4;
    const dec = await decomposeWeights(base, tasks, {}, engine);

    // k layers resident plus the sketches of one of them (d x 64 blocks), never more layers.
    expect(seen.peak).toBeGreaterThanOrEqual(K * layerBytes);
    expect(seen.peak).toBeLessThanOrEqual((K + 1) * layerBytes);
    expect(inner.heldBytes()).toBe(baseline); // everything released

    const modelBytes = LAYERS * layerBytes;
    const kept = Object.values(dec.components).reduce((n, c) => n + c.bytes(), 0);
    expect(kept).toBeLessThan((K * modelBytes) / 10); // Z and Z^T tau_i, not k full copies
    expect(dec.diagnostics.filter((d) => d.kind === 'matrix').every((d) => d.sharedDim === 4)).toBe(true);

    // Forming a part does not keep it: the factored size is unchanged by a recipe-style read.
    const unique = dec.components['h.0.weight'].part('unique', 1);
    expect(unique.length).toBe(ROWS * COLS);
    expect(Object.values(dec.components).reduce((n, c) => n + c.bytes(), 0)).toBe(kept);
  }, 180_000);
});
