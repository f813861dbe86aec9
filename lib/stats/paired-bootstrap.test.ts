import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../util/random';
import { crossedBootstrap, gridDiff, type Grid } from './paired-bootstrap';

const grid = (items: number, seeds: number, f: (i: number, s: number) => number): Grid => ({
  items, seeds, values: Float64Array.from({ length: items * seeds }, (_, k) => f(Math.floor(k / seeds), k % seeds)),
});

describe('crossed paired bootstrap', () => {
  it('a constant difference has a zero-width interval at that value', () => {
    const r = crossedBootstrap([grid(10, 4, () => 1.5)], 200);
    expect(r.estimate).toBe(1.5);
    expect(r.ci95).toEqual([1.5, 1.5]);
  });

  it('covers the true mean of noisy differences, excludes zero for a clear effect and includes it for none', () => {
    const g = gaussian(mulberry32(3));
    const effect = grid(72, 8, () => 0.5 + g());
    const r = crossedBootstrap([effect], 1000);
    expect(r.ci95[0]).toBeLessThan(0.5);
    expect(r.ci95[1]).toBeGreaterThan(0.5);
    expect(r.ci95[0]).toBeGreaterThan(0);
    const none = crossedBootstrap([grid(72, 8, () => g())], 1000);
    expect(none.ci95[0]).toBeLessThan(0);
    expect(none.ci95[1]).toBeGreaterThan(0);
  });

  it('widens with a per-seed effect that resampling cells alone would ignore', () => {
    const g = gaussian(mulberry32(4)), seedShift = [2, -2, 1.5, -1.5];
    const noSeed = crossedBootstrap([grid(40, 4, () => 0.1 * g())], 1000);
    const withSeed = crossedBootstrap([grid(40, 4, (_, s) => seedShift[s] + 0.1 * g())], 1000);
    expect(withSeed.ci95[1] - withSeed.ci95[0]).toBeGreaterThan(10 * (noSeed.ci95[1] - noSeed.ci95[0]));
  });

  it('averages groups, is deterministic for a seed, and pairs by cell', () => {
    const a = grid(5, 2, (i, s) => i + s), b = grid(5, 2, (i) => i);
    expect(gridDiff(a, b).values).toEqual(Float64Array.from([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]));
    const r1 = crossedBootstrap([a, b], 300, 9), r2 = crossedBootstrap([a, b], 300, 9);
    expect(r1).toEqual(r2);
    expect(r1.estimate).toBeCloseTo((2.5 + 2) / 2, 12);
    expect(() => crossedBootstrap([a, grid(4, 2, () => 0)])).toThrow(/same items/);
  });
});
