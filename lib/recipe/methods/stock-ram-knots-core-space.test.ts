import { describe, expect, it } from 'vitest';
import { expectClose as close, f32, runInto as run } from '../../test-support/method-run';
import { coreSpace } from './core-space';
import { knots } from './knots';
import { modelStock, stockRatio } from './model-stock';
import { ram } from './ram';


describe('Model Stock', () => {
  it('two task vectors 60 degrees apart: cos 1/2, t = 2 (1/2) / (1 + 1/2) = 2/3 of their mean', () => {
    const a = f32([1, 0]), b = f32([0.5, Math.sqrt(3) / 2]);
    expect(stockRatio([a, b], 0, 2)).toBeCloseTo(2 / 3, 6);
    close(run((o) => modelStock.apply([a, b], { name: 'model_stock', lambda: 1, filterWise: false }, o, { name: 'w', shape: [2] }), 2), [(2 / 3) * 0.75, (2 / 3) * (Math.sqrt(3) / 4)]);
  });

  it('three tasks with pairwise cos 1/2 (k = 3): t = 3/2 / 2 = 3/4; orthogonal tasks keep the base; equal tasks give the task', () => {
    const e = [f32([1, 0, 0]), f32([0, 1, 0]), f32([0, 0, 1])];
    // (e_i + e_j) / sqrt 2 have pairwise cosine 1/2
    const v = [f32([1, 1, 0]), f32([1, 0, 1]), f32([0, 1, 1])];
    expect(stockRatio(v, 0, 3)).toBeCloseTo(0.75, 6);
    expect(stockRatio(e, 0, 3)).toBe(0);
    close(run((o) => modelStock.apply([f32([2, 1]), f32([2, 1])], { name: 'model_stock', lambda: 0.5, filterWise: false }, o, { name: 'w', shape: [2] }), 2), [1, 0.5]);
  });

  it('filterWise gives each row its own t', () => {
    // row 0: identical (t = 1); row 1: orthogonal (t = 0)
    const a = f32([1, 2, 1, 0]), b = f32([1, 2, 0, 1]);
    close(run((o) => modelStock.apply([a, b], { name: 'model_stock', lambda: 1, filterWise: true }, o, { name: 'w', shape: [2, 2] }), 4), [1, 2, 0, 0]);
  });
});

describe('RAM', () => {
  it('sums entries one task touches and averages entries several touch', () => {
    const a = f32([1, 0, 3, 2, 0]), b = f32([0, 4, 1, 0, 1e-6]), c = f32([0, 0, 2, 4, 0]);
    // counts [1, 1, 3, 2, 0]: [1, 4, (3+1+2)/3, (2+4)/2, 0]
    close(run((o) => ram.apply([a, b, c], { name: 'ram', lambda: 2, epsilon: 1e-5, r: 0, alpha: 0.2 }, o), 5), [2, 8, 4, 6, 0]);
  });

  it('RAM+ boosts each task\'s unique entries by 1 + r clip(shared / unique, 0, alpha)', () => {
    const a = f32([1, 1, 5, 5]), b = f32([0, 0, 3, 1]);
    // a: 2 shared, 2 unique -> rho 1 -> clip 0.2 -> x1.02 (r = 0.1); b has no unique entries
    close(run((o) => ram.apply([a, b], { name: 'ram', lambda: 1, epsilon: 1e-5, r: 0.1, alpha: 0.2 }, o), 4), [1.02, 1.02, 4, 3]);
  });
});

describe('KnOTS', () => {
  // tau_1 = 3 e1 f1^T and tau_2 = e2 f2^T (4 x 3): side by side they are already in SVD form.
  const e = (i: number, n: number) => Array.from({ length: n }, (_, j) => (j === i ? 1 : 0));
  const outer = (a: number[], b: number[], s: number) => f32(a.flatMap((x) => b.map((y) => s * x * y)));
  const t1 = outer(e(0, 4), e(0, 3), 3), t2 = outer(e(1, 4), e(1, 3), 1);
  const ctx = { name: 'w', shape: [4, 3] };

  it('with merge "sum" is task arithmetic exactly', () => {
    const g = [f32([1, 2, 0, -1, 0.5, 0, 0, 1, 2, 0, 1, 1]), f32([0, 1, 1, 2, -1, 0, 1, 0, 0, 3, 0, 1])];
    close(run((o) => knots.apply(g, { name: 'knots', lambda: 0.5, merge: 'sum', density: 1 }, o, ctx), 12), Array.from(g[0], (x, i) => 0.5 * (x + g[1][i])), 5);
  });

  it('with TIES on disjoint coordinates keeps each task whole; on identical tasks gives their mean', () => {
    close(run((o) => knots.apply([t1, t2], { name: 'knots', lambda: 1, merge: 'ties', density: 1 }, o, ctx), 12), Array.from(t1, (x, i) => x + t2[i]), 5);
    // [t1 | t1] = 3 e1 [f1; f1]^T: sigma 3 sqrt 2, V_1 = V_2 = f1 / sqrt 2; the disjoint mean keeps f1 / sqrt 2 -> t1
    close(run((o) => knots.apply([t1, t1], { name: 'knots', lambda: 1, merge: 'ties', density: 1 }, o, ctx), 12), Array.from(t1), 5);
  });
});

describe('Core Space', () => {
  const ctx = { name: 'w', shape: [4, 3] };
  const g = [f32([1, 2, 0, -1, 0.5, 0, 0, 1, 2, 0, 1, 1]), f32([0, 1, 1, 2, -1, 0, 1, 0, 0, 3, 0, 1])];

  it('with merge "sum" is task arithmetic exactly (the cores are lossless)', () => {
    close(run((o) => coreSpace.apply(g, { name: 'core_space', lambda: 0.5, merge: 'sum', density: 1 }, o, ctx), 12), Array.from(g[0], (x, i) => 0.5 * (x + g[1][i])), 5);
  });

  it('with TIES: identical tasks give the task, and a rank-1 pair on disjoint directions stays whole', () => {
    close(run((o) => coreSpace.apply([g[0], g[0]], { name: 'core_space', lambda: 1, merge: 'ties', density: 1 }, o, ctx), 12), Array.from(g[0]), 5);
    const a = f32([3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), b = f32([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    close(run((o) => coreSpace.apply([a, b], { name: 'core_space', lambda: 1, merge: 'ties', density: 1 }, o, ctx), 12), Array.from(a, (x, i) => x + b[i]), 5);
  });
});
