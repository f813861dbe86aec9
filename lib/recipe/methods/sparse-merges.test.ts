import { describe, expect, it } from 'vitest';
import { expectClose as close, f32, runInto as run } from '../../test-support/method-run';
import { breadcrumbs } from './breadcrumbs';
import { dare } from './dare';
import { della, dellaParams } from './della';
import { mixVectors } from './mix-vectors';
import { dellaProbabilities, outlierMask } from './sparsify';
import { taskArithmetic } from './task-arithmetic';
import { ties } from './ties';


describe('mixing as mergekit does (generalized task arithmetic)', () => {
  // weights 2 and 1, task vectors a = [1, -1, 3], b = [2, 2, -1]: the methods see w_t * tau_t
  const a = f32([2, -2, 6]), b = f32([2, 2, -1]);
  const weights = [2, 1];

  it('sign election by mass keeps agreeing entries; normalize divides by the agreeing weights', () => {
    // mass [4, 0, 5] -> signs [+, 0, +]; agreeing: entry 0 both (sum 4, weights 3), entry 2 only a (6, weights 2)
    close(run((o) => mixVectors([a, b], o, { consensus: 'mass', divisor: 'weights', weights, scale: 1 }), 3), [4 / 3, 0, 3]);
    close(run((o) => mixVectors([a, b], o, { consensus: 'mass', divisor: 'none', weights, scale: 1 }), 3), [4, 0, 6]);
    close(run((o) => mixVectors([a, b], o, { consensus: 'mass', divisor: 'count', weights, scale: 1 }), 3), [2, 0, 6]);
  });

  it('without consensus normalize divides by all weights (mergekit linear / task_arithmetic normalize)', () => {
    close(run((o) => mixVectors([a, b], o, { consensus: 'none', divisor: 'weights', weights, scale: 1 }), 3), [4 / 3, 0, 5 / 3]);
    close(run((o) => taskArithmetic.apply([a, b], { name: 'task_arithmetic', lambda: 1, normalize: true }, o, { name: 'w', shape: [3], weights }), 3), [4 / 3, 0, 5 / 3]);
  });

  it('TIES with mergekit normalize is the weighted mean of the agreeing, trimmed task vectors', () => {
    // density 2/3 keeps 2 of 3 entries per vector: a -> [2, 0, 6] (|-2| = |2| tie at threshold keeps both: [2,-2,6])
    const out = run((o) => ties.apply([f32([1, -3, 6]), f32([2, 2, -1])], { name: 'ties', lambda: 1, density: 2 / 3, election: 'mass', normalize: 'weights' }, o, { name: 'w', shape: [3], weights }), 3);
    // trimmed: [0, -3, 6], [2, 2, 0]; mass [2, -1, 6] -> +, -, +; entry 0: b only (2 / 1), entry 1: a only (-3 / 2), entry 2: a (6 / 2)
    close(out, [2, -1.5, 3]);
  });

  it('a term density overrides the method density per vector', () => {
    const out = run((o) => ties.apply([f32([4, 3, 2, 1]), f32([4, 3, 2, 1])], { name: 'ties', lambda: 1, density: 1, election: 'mass' }, o, { name: 'w', shape: [4], densities: [0.25, undefined] }), 4);
    close(out, [4, 3, 2, 1]); // entry 0 mean of (4, 4); others only b
  });
});

describe('sparsifiers', () => {
  it('Breadcrumbs keeps the middle: drop top gamma, then the smallest down to density', () => {
    const v = f32([0.1, -5, 0.3, 2, -0.2, 1, 0.05, -3, 0.4, 0.6]);
    // n = 10, density 0.5 keeps 5, gamma 0.1 drops 1 (|-5|), bottom drops 4 (0.05, 0.1, -0.2, 0.3)
    expect(Array.from(outlierMask(v, 0.5, 0.1))).toEqual([0, 0, 0, 1, 0, 1, 0, 1, 1, 1]);
    // gamma larger than 1 - density: fewer top entries dropped so 5 still remain, nothing small dropped
    expect(Array.from(outlierMask(v, 0.5, 0.8)).reduce((s, x) => s + x, 0)).toBe(5);
    const out = run((o) => breadcrumbs.apply([v], { name: 'breadcrumbs', lambda: 2, density: 0.5, gamma: 0.1, consensus: 'none', normalize: false }, o, { name: 'w', shape: [10] }), 10);
    close(out, [0, 0, 0, 4, 0, 2, 0, -6, 0.8, 1.2]);
  });

  it('DELLA keep probabilities rise linearly with magnitude rank within each row', () => {
    const p = dellaProbabilities(f32([3, -1, 2, 0.5, 9, 8]), 2, 0.5, 0.2);
    close(Array.from(p), [0.7, 0.3, 0.5, 0.3, 0.7, 0.5]);
  });

  it('DELLA with the inverse rescale is unbiased and with l1 keeps the L1 norm', () => {
    const v = Float32Array.from({ length: 4000 }, (_, i) => 1 + (i % 7) * 0.1);
    const params = dellaParams.parse({ name: 'della', density: 0.4, epsilon: 0.2, consensus: 'none' });
    const inv = run((o) => della.apply([v], params, o, { name: 'w', shape: [40, 100] }), v.length);
    const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, x) => s + x, 0);
    expect(sum(inv) / sum(v)).toBeCloseTo(1, 1);
    expect(inv.filter((x) => x !== 0).length / v.length).toBeCloseTo(0.4, 1);
    const l1 = run((o) => della.apply([v], { ...params, rescale: 'l1' }, o, { name: 'w', shape: [40, 100] }), v.length);
    expect(sum(l1.map(Math.abs))).toBeCloseTo(sum(Array.from(v, Math.abs)), 1);
  });

  it('DARE with mergekit rescale (l1) keeps the L1 norm; with consensus it elects signs after dropping', () => {
    const v = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i));
    const l1 = run((o) => dare.apply([v], { name: 'dare', lambda: 1, drop: 0.7, seed: 3, rescale: 'l1' }, o, { name: 'w', shape: [1000] }), 1000);
    const norm = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, x) => s + Math.abs(x), 0);
    expect(norm(l1) / norm(v)).toBeCloseTo(1, 5);
    // no dropping (density 1 per term): dare_ties is TIES' election without trimming
    const a = f32([1, -2]), b = f32([-3, 1]);
    const out = run((o) => dare.apply([a, b], { name: 'dare', lambda: 1, drop: 0.5, seed: 0, consensus: 'mass' }, o, { name: 'w', shape: [2], densities: [1, 1] }), 2);
    expect(out).toEqual([-3, -2]);
  });

  it('DARE without the new options keeps its old masks (links made before stay the same)', () => {
    const v = Float32Array.from({ length: 64 }, (_, i) => i + 1);
    const out = run((o) => dare.apply([v], { name: 'dare', lambda: 1, drop: 0.5, seed: 9 }, o, { name: 'x', shape: [64] }), 64);
    out.forEach((x, i) => expect(x === 0 || Math.abs(x - 2 * v[i]) < 1e-5).toBe(true));
  });
});
