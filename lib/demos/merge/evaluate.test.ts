import { describe, expect, it } from 'vitest';
import type { ImageSet } from './dataset/dataset';
import type { WeightSet } from '../../tensors/weight-set';
import { type AccuracyFn, evaluateEncoder, evaluatePerTask, tune } from './evaluate';

// Fixture: an "encoder" is one scalar w; task i is solved to the degree w is close to its target.
const enc = (w: number): WeightSet => ({ tensors: { w: { shape: [1], data: Float32Array.of(w) } } });
const head = (target: number): WeightSet => ({ tensors: { target: { shape: [1], data: Float32Array.of(target) } } });
const empty: ImageSet = { count: 0, images: new Uint8Array(0), labels: new Uint8Array(0) };
const acc: AccuracyFn = async (e, h) => Math.max(0, 1 - Math.abs(e.tensors.w.data[0] - h.tensors.target.data[0]));
const tasks = [
  { name: 'a', head: head(0), data: empty, reference: 1 },
  { name: 'b', head: head(1), data: empty, reference: 0.5 },
];

describe('merge evaluation harness', () => {
  it('scores one encoder on every task and normalises by the fine-tune', async () => {
    const r = await evaluateEncoder(enc(0.5), tasks, acc);
    expect(r.tasks.map((t) => t.accuracy)).toEqual([0.5, 0.5]);
    expect(r.tasks.map((t) => t.normalized)).toEqual([0.5, 1]);
    expect(r.meanAccuracy).toBeCloseTo(0.5);
    expect(r.meanNormalized).toBeCloseTo(0.75);
  });

  it('scores per-task encoders and refuses a missing one', async () => {
    const r = await evaluatePerTask({ a: enc(0), b: enc(1) }, tasks, acc);
    expect(r.meanAccuracy).toBe(1);
    await expect(evaluatePerTask({ a: enc(0) }, tasks, acc)).rejects.toThrow(/task "b"/);
  });

  it('tunes on the grid, first entry wins ties', async () => {
    const r = await tune([0, 0.25, 0.5, 0.75, 1], (w) => enc(w), tasks, acc, 'meanAccuracy');
    expect(r.best).toBe(0); // every w in [0, 1] has mean accuracy 0.5: the first wins
    const n = await tune([0, 0.5, 1], (w) => enc(w), tasks, acc, 'meanNormalized');
    expect(n.best).toBe(1); // b's low reference makes it worth more after normalisation
    expect(n.grid).toHaveLength(3);
  });
});
