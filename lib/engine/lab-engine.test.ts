import { describe, expect, it, vi } from 'vitest';
import { ties } from '../recipe/methods/ties';
import { writeSafetensors } from '../tensors/safetensors';
import { tinyFamily } from '../test-support/fixtures';
import { LabEngine } from './lab-engine';

describe('LabEngine', () => {
  it('falls back to wasm in Node (no WebGPU) and says why', async () => {
    const engine = new LabEngine();
    const status = await engine.init('auto');
    expect(status.backend).toBe('wasm');
    expect(status.reason).toMatch(/no WebGPU adapter/);
    expect((await engine.init('webgpu')).backend).toBe('wasm');
    expect((await engine.init('cpu')).backend).toBe('cpu');
  });

  it('loads checkpoints, decomposes with progress, applies recipes; no tensor leaks over 50 runs', async () => {
    const engine = new LabEngine();
    await engine.init('wasm');
    const { base, tasks } = tinyFamily(3);
    engine.loadCheckpoint('base', writeSafetensors(base).buffer as ArrayBuffer);
    tasks.forEach((t, i) => engine.loadCheckpoint(`t${i}`, writeSafetensors(t).buffer as ArrayBuffer));
    const models = { base: 'base', tasks: ['t0', 't1', 't2'] };
    const seen: number[] = [];
    const diags = await engine.decompose(models, {}, (p) => void seen.push(p.loaded));
    expect(diags).toHaveLength(4);
    expect(seen).toEqual([1, 2, 3, 4]);
    const before = engine.liveTensors();
    for (let i = 0; i < 50; i++) {
      await engine.decompose(models, { eta: 0.5 + i / 200 }); // new options: a fresh decomposition each time
      await engine.apply({ version: 1, models, terms: [{ task: 0, part: 'unique', coefficient: 1 }] });
    }
    expect(engine.liveTensors()).toBe(before);
    const bytes = await engine.exportSafetensors({ version: 1, models, terms: [{ task: 1, part: 'full', coefficient: 1 }] });
    expect(bytes.length).toBeGreaterThan(100);
  });

  it('a lambda edit rescales the cached direction: the same bits as an engine that computes it afresh', async () => {
    const { base, tasks } = tinyFamily(3);
    const open = async () => {
      const e = new LabEngine();
      await e.init('wasm');
      e.addWeights('base', base);
      tasks.forEach((t, i) => e.addWeights(`t${i}`, t));
      return e;
    };
    const models = { base: 'base', tasks: ['t0', 't1', 't2'] };
    const recipe = (lambda: number) => ({ version: 1, models, terms: [0, 1, 2].map((task) => ({ task, part: 'full', coefficient: 1 })), method: { name: 'ties', lambda, density: 0.3 } });
    const cached = await open();
    await cached.apply(recipe(0.3));
    const trims = vi.spyOn(ties, 'apply');
    const edited = await cached.apply(recipe(0.45));
    expect(trims).not.toHaveBeenCalled(); // trimming and sign election are not redone
    const fresh = await (await open()).apply(recipe(0.45));
    expect(trims).toHaveBeenCalled();
    trims.mockRestore();
    expect(Object.keys(edited.tensors)).toEqual(Object.keys(fresh.tensors));
    for (const [name, t] of Object.entries(fresh.tensors)) expect(Buffer.from(edited.tensors[name].data.buffer)).toEqual(Buffer.from(t.data.buffer));
    expect(edited.metadata).toEqual(fresh.metadata);
    cached.addWeights('t0', tasks[1]); // new weights under a known id: nothing cached may be reused
    expect(Array.from((await cached.apply(recipe(0.45))).tensors['layer.1.weight'].data)).not.toEqual(Array.from(fresh.tensors['layer.1.weight'].data));
  });

  it('runs the synthetic lesson: recovers the planted shared dimension', async () => {
    const engine = new LabEngine();
    await engine.init('wasm');
    const r = await engine.synthetic({ d: 128, n: 64, k: 3, sharedDim: 4, privateDim: 6, noise: 0.05, seed: 1 }, { energy: 0.98 });
    expect(r.diagnostics.sharedDim).toBe(4);
    expect(Math.max(...r.anglesToTruthDeg)).toBeLessThan(3);
  });

  it('cancels a running decomposition', async () => {
    const engine = new LabEngine();
    await engine.init('cpu');
    const { base, tasks } = tinyFamily(2);
    engine.loadCheckpoint('b', writeSafetensors(base));
    tasks.forEach((t, i) => engine.loadCheckpoint(`t${i}`, writeSafetensors(t)));
    const run = engine.decompose({ base: 'b', tasks: ['t0', 't1'] }, {}, () => engine.cancel());
    await expect(run).rejects.toThrow(/cancelled/);
  });

  it('refuses a decomposition too big for the tab before allocating, in words, and names files from 1', async () => {
    const { base, tasks } = tinyFamily(2);
    const small = new LabEngine({ resultBudget: 1000 });
    await small.init('cpu');
    small.loadCheckpoint('base.safetensors', writeSafetensors(base));
    tasks.forEach((t, i) => small.loadCheckpoint(`ft-${i}.safetensors`, writeSafetensors(t)));
    const models = { base: 'base.safetensors', tasks: ['ft-0.safetensors', 'ft-1.safetensors'] };
    await expect(small.decompose(models, {})).rejects.toThrow(/would need about 1 MB of memory, more than this tab allows/);
    const engine = new LabEngine();
    await engine.init('cpu');
    tasks[1].tensors['layer.0.weight'].data[0] = Infinity;
    engine.loadCheckpoint('base.safetensors', writeSafetensors(base));
    tasks.forEach((t, i) => engine.loadCheckpoint(`ft-${i}.safetensors`, writeSafetensors(t)));
    await expect(engine.decompose(models, {})).rejects.toThrow(/^task 2 \(ft-1.safetensors\): tensor "layer.0.weight" has a non-finite value/);
  });
});
