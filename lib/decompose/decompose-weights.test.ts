import { describe, expect, it } from 'vitest';
import { float64Engine } from '../linalg/engine';
import { tinyFamily, tinyModel } from '../test-support/fixtures';
import { CancelledError, type DecomposeProgress, decomposeWeights } from './decompose-weights';

describe('decomposeWeights', () => {
  it('splits every tensor exactly and reports diagnostics per tensor', async () => {
    const { base, tasks } = tinyFamily(3);
    const progress: DecomposeProgress[] = [];
    const dec = await decomposeWeights(base, tasks, {}, float64Engine, { onProgress: (p) => progress.push(p) });
    expect(dec.names).toEqual(['layer.0.weight', 'layer.0.bias', 'layer.1.weight', 'conv.weight']);
    for (const name of dec.names) {
      const c = dec.components[name];
      c.full.forEach((tau, i) => tau.forEach((x, j) => expect(c.shared[i][j] + c.unique[i][j]).toBeCloseTo(x, 5)));
    }
    const bias = dec.diagnostics.find((d) => d.name === 'layer.0.bias')!;
    expect(bias.kind).toBe('vector');
    expect(bias.sharedEnergy).toEqual([0, 0, 0]);
    const conv = dec.diagnostics.find((d) => d.name === 'conv.weight')!;
    expect(conv.kind).toBe('matrix'); // [4, 3, 2] is viewed as 4 x 6
    // progress: never decreases, ends at total
    expect(progress.map((p) => p.loaded)).toEqual([1, 2, 3, 4]);
    expect(progress.at(-1)!.total).toBe(4);
  });

  it('"shared-mean" puts the mean of 1-D task vectors in the shared part', async () => {
    const { base, tasks } = tinyFamily(2);
    const dec = await decomposeWeights(base, tasks, { vectors: 'shared-mean' }, float64Engine);
    const { full, shared } = dec.components['layer.0.bias'];
    shared[0].forEach((x, j) => expect(x).toBeCloseTo((full[0][j] + full[1][j]) / 2, 6));
  });

  it('lists every mismatched name and shape in one error', async () => {
    const base = tinyModel(1);
    const bad = tinyModel(2);
    delete bad.tensors['layer.0.bias'];
    bad.tensors['layer.1.weight'] = { shape: [12, 6], data: new Float32Array(72) };
    bad.tensors['extra'] = { shape: [1], data: new Float32Array(1) };
    const err = (await decomposeWeights(base, [bad], {}, float64Engine).catch((e) => e)) as Error;
    expect(err.message).toMatch(/3 problems/);
    expect(err.message).toMatch(/lacks "layer.0.bias"/);
    expect(err.message).toMatch(/"layer.1.weight" has shape \[12,6\]/);
    expect(err.message).toMatch(/extra tensor "extra"/);
  });

  it('refuses NaN weights, naming the tensor', async () => {
    const { base, tasks } = tinyFamily(2);
    tasks[1].tensors['layer.1.weight'].data[5] = NaN;
    await expect(decomposeWeights(base, tasks, {}, float64Engine)).rejects.toThrow(/task 2: tensor "layer.1.weight" has a non-finite value/);
    await expect(decomposeWeights(base, tasks, {}, float64Engine, { labels: { tasks: ['a.safetensors', 'b.safetensors'] } })).rejects.toThrow(
      /task 2 \(b.safetensors\): tensor "layer.1.weight" has a non-finite value/,
    );
  });

  it('refuses Inf in a task vector too, naming the tensor', async () => {
    const { base, tasks } = tinyFamily(2);
    tasks[0].tensors['layer.1.weight'].data[2] = -Infinity;
    await expect(decomposeWeights(base, tasks, {}, float64Engine)).rejects.toThrow(/task 1: tensor "layer.1.weight" has a non-finite value/);
  });

  it('stops between tensors when cancelled', async () => {
    const { base, tasks } = tinyFamily(2);
    const signal = { aborted: false };
    const seen: string[] = [];
    const run = decomposeWeights(base, tasks, {}, float64Engine, {
      signal,
      onProgress: (p) => {
        seen.push(p.tensor);
        signal.aborted = true;
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(seen).toHaveLength(1);
  });

  it('rejects an "over" list naming a missing task', async () => {
    const { base, tasks } = tinyFamily(2);
    await expect(decomposeWeights(base, tasks, { over: [0, 5] }, float64Engine)).rejects.toThrow(/only 2 tasks/);
  });

  it('refuses a tensor too large for the engine before starting, with the estimate', async () => {
    const { base, tasks } = tinyFamily(2);
    const progress: DecomposeProgress[] = [];
    const run = decomposeWeights(base, tasks, {}, float64Engine, { engineBudget: 500, onProgress: (p) => progress.push(p) });
    await expect(run).rejects.toThrow(/Tensor "layer.0.weight" \[12,8\] with 2 tasks would need about 1 MB of memory, more than the compute device allows/);
    expect(progress).toEqual([]);
  });

  it('refuses a task identical to the base, naming it', async () => {
    const { base, tasks } = tinyFamily(2);
    const copy = { tensors: Object.fromEntries(Object.entries(base.tensors).map(([n, t]) => [n, { shape: t.shape, data: t.data.slice() }])) };
    await expect(decomposeWeights(base, [tasks[0], copy], {}, float64Engine, { labels: { tasks: ['a.safetensors', 'b.safetensors'] } })).rejects.toThrow(
      /task 2 \(b.safetensors\) is identical to the base: its task vector is zero in every tensor/,
    );
  });

  it('takes all-zero tensors in a task vector as rank 0 with nothing shared', async () => {
    const { base, tasks } = tinyFamily(3);
    tasks[1].tensors['layer.1.weight'].data.set(base.tensors['layer.1.weight'].data);
    const dec = await decomposeWeights(base, tasks, {}, float64Engine);
    const d = dec.diagnostics.find((x) => x.name === 'layer.1.weight')!;
    expect(d.ranks[1]).toBe(0);
    expect(d.sharedDim).toBe(0);
    expect(d.sharedEnergy[1]).toBe(0);
    expect(dec.components['layer.1.weight'].part('unique', 1).every((x) => x === 0)).toBe(true);
  });
});
