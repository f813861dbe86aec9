import { describe, expect, it } from 'vitest';
import { initWeights, type CharGptConfig } from '../../lib/models/char-gpt';
import { readSafetensors, writeSafetensors } from '../../lib/tensors/safetensors';
import { lrAt, sampleBatch, Trainer } from './trainer';
import { useWasm } from './tf-wasm';
import { GradientHelpers } from './data-parallel';

const cfg: CharGptConfig = { vocabSize: 12, blockSize: 8, nLayer: 1, nHead: 2, nEmbd: 16 };
const ids = Uint8Array.from({ length: 500 }, (_, i) => (i * 7 + (i >> 3)) % 12);
const corpora = [{ ids, weight: 1 }];

describe('Trainer', () => {
  it('resumes exactly from a saved state (weights, Adam moments, step)', async () => {
    await useWasm();
    const straight = new Trainer(initWeights(cfg, 3), cfg, 4, 9);
    for (let i = 0; i < 6; i++) await straight.trainStep(1e-2, corpora);

    const first = new Trainer(initWeights(cfg, 3), cfg, 4, 9);
    for (let i = 0; i < 3; i++) await first.trainStep(1e-2, corpora);
    const saved = await first.state({ phase: 'test' });
    const file = readSafetensors(writeSafetensors(saved, { dtype: 'F32', metadata: saved.metadata }));
    first.dispose();
    const resumed = new Trainer(file, cfg, 4, 9);
    expect(resumed.step).toBe(3);
    expect(await resumed.restoreOptimizer(file)).toBe(true);
    for (let i = 0; i < 3; i++) await resumed.trainStep(1e-2, corpora);

    const a = straight.weights().tensors;
    const b = resumed.weights().tensors;
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const n of Object.keys(a)) expect(Array.from(b[n].data)).toEqual(Array.from(a[n].data));

    // Without the moments (a weights-only file) the run diverges: the saved state matters.
    const fresh = new Trainer({ tensors: Object.fromEntries(Object.entries(file.tensors).filter(([n]) => !n.startsWith('adam.'))), metadata: file.metadata }, cfg, 4, 9);
    expect(await fresh.restoreOptimizer(fresh.weights())).toBe(false);
    for (let i = 0; i < 3; i++) await fresh.trainStep(1e-2, corpora);
    expect(Array.from(fresh.weights().tensors.wte.data)).not.toEqual(Array.from(a.wte.data));
    [straight, resumed, fresh].forEach((t) => t.dispose());
  }, 60_000);

  it('takes the same steps when a helper thread computes half of each batch', async () => {
    await useWasm();
    const alone = new Trainer(initWeights(cfg, 3), cfg, 4, 9);
    const helpers = new GradientHelpers(1, cfg);
    const shared = new Trainer(initWeights(cfg, 3), cfg, 4, 9, helpers);
    const losses = [[], []] as number[][];
    for (let i = 0; i < 4; i++) {
      losses[0].push(await alone.trainStep(1e-2, corpora));
      losses[1].push(await shared.trainStep(1e-2, corpora));
    }
    await helpers.terminate();
    losses[1].forEach((l, i) => expect(l).toBeCloseTo(losses[0][i], 5));
    const a = alone.weights().tensors;
    const b = shared.weights().tensors;
    let moved = 0;
    for (const n of Object.keys(a))
      a[n].data.forEach((v, j) => {
        expect(b[n].data[j]).toBeCloseTo(v, 4);
        moved = Math.max(moved, Math.abs(v - initWeights(cfg, 3).tensors[n].data[j]));
      });
    expect(moved).toBeGreaterThan(1e-3);
    expect(() => new Trainer(initWeights(cfg, 3), cfg, 5, 9, helpers)).toThrow(/does not split/);
    [alone, shared].forEach((t) => t.dispose());
  }, 60_000);

  it('draws batches from a mix by weight, deterministically', () => {
    const zeros = { ids: new Uint8Array(100), weight: 3 };
    const ones = { ids: new Uint8Array(100).fill(1), weight: 1 };
    let r = 0;
    const rand = () => ((r = (r * 16807 + 11) % 2147483647) / 2147483647);
    const { x } = sampleBatch([zeros, ones], 4, 400, rand);
    const share = x.filter((v) => v === 1).length / x.length;
    expect(share).toBeGreaterThan(0.18);
    expect(share).toBeLessThan(0.32);
  });

  it('warms up linearly and decays by cosine to the floor', () => {
    const s = { steps: 100, lr: 1, warmup: 10, minLrRatio: 0.1 };
    expect(lrAt(s, 0)).toBeCloseTo(0.1);
    expect(lrAt(s, 10)).toBeCloseTo(1);
    expect(lrAt(s, 100)).toBeCloseTo(0.1);
    expect(lrAt(s, 55)).toBeCloseTo(0.55);
  });
});
