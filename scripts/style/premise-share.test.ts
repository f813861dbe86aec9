import { describe, expect, it } from 'vitest';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { gaussian, mulberry32 } from '../../lib/util/random';
import { comboShare, pooledShare } from './premise-share';

const D = 24, N = 16;
const noise = (seed: number, scale: number) => {
  const g = gaussian(mulberry32(seed));
  return Float32Array.from({ length: D * N }, () => scale * g());
};
/** Rank-1 d x n matrix u v^T with u on output coordinate `row`. */
const rankOne = (row: number, seed: number, scale: number) => {
  const g = gaussian(mulberry32(seed)), out = new Float32Array(D * N);
  for (let c = 0; c < N; c++) out[row * N + c] = scale * g();
  return out;
};
const add = (...xs: Float32Array[]) => Float32Array.from(xs[0], (_, i) => xs.reduce((s, x) => s + x[i], 0));
const ws = (w: Float32Array, bias: Float32Array): WeightSet => ({ tensors: { w: { shape: [D, N], data: w }, b: { shape: [D], data: bias } } });
const zeros = () => new Float32Array(D * N);

describe('share of the house change in the shared subspace', () => {
  // Two styles: each a strong private rank-1 change on its own output row; the planted family adds
  // the same house change on output row 0 (its own input pattern per style, as fine-tunes on different icons would).
  const style = [rankOne(5, 1, 3), rankOne(9, 2, 3)];
  const house = [rankOne(0, 3, 2), rankOne(0, 4, 2)];
  const bias = new Float32Array(D);
  const base = ws(zeros(), bias);
  const sibling = style.map((s, i) => ws(add(s, noise(10 + i, 0.01)), bias));
  const planted = style.map((s, i) => ws(add(s, house[i], noise(10 + i, 0.01)), bias));
  const o = { energy: 0.9, eta: 0.85, trials: 5 };

  it('finds the common house change inside Z on the planted family, and about chance on the sibling', async () => {
    const p = await comboShare(base, planted, planted, sibling, ['a', 'b'], o);
    expect(p.layers[0].sharedDim).toBe(1);
    for (const s of p.share) expect(s).toBeGreaterThan(0.95);
    const s = await comboShare(base, sibling, planted, sibling, ['a', 'b'], o);
    expect(s.layers[0].sharedDim).toBe(0);
    expect(s.pooled).toBe(0);
    expect(pooledShare([p]).estimate).toBeCloseTo(p.pooled, 10);
  });

  it('pools over every matrix: a matrix with no shared dimension lowers the share', async () => {
    const extra = (w: WeightSet, h: Float32Array, s: Float32Array): WeightSet => ({ tensors: { ...w.tensors, w2: { shape: [D, N], data: add(s, h) } } });
    const other = [rankOne(3, 7, 3), rankOne(4, 8, 3)], house2 = [rankOne(11, 5, 2), rankOne(12, 6, 2)]; // private house rows: not shared
    const b2: WeightSet = { tensors: { ...base.tensors, w2: { shape: [D, N], data: zeros() } } };
    const p2 = planted.map((w, i) => extra(w, house2[i], other[i])), s2 = sibling.map((w, i) => extra(w, zeros(), other[i]));
    const r = await comboShare(b2, p2, p2, s2, ['a', 'b'], o);
    expect(r.layers.map((l) => l.sharedDim)).toEqual([1, 0]);
    for (const s of r.share) expect(s).toBeGreaterThan(0.3), expect(s).toBeLessThan(0.7);
  });
});
