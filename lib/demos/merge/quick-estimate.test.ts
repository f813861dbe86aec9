import { describe, expect, it } from 'vitest';
import { headOf, normalizedInterval } from './quick-estimate';

describe('quick estimate', () => {
  it('takes the first images of a set', () => {
    const set = { count: 4, images: Uint8Array.from([1, 1, 2, 2, 3, 3, 4, 4]), labels: Uint8Array.from([0, 1, 0, 1]) };
    const h = headOf(set, 3, 2);
    expect(h.count).toBe(3);
    expect(Array.from(h.images)).toEqual([1, 1, 2, 2, 3, 3]);
    expect(headOf(set, 10, 2).count).toBe(4);
  });

  it('gives a binomial interval on mean normalised accuracy that narrows with more images', () => {
    const r = { tasks: [{ name: 'a', accuracy: 0.5, normalized: 0.5 }, { name: 'b', accuracy: 0.8, normalized: 1 }], meanAccuracy: 0.65, meanNormalized: 0.75 };
    const [lo, hi] = normalizedInterval(r, [24, 24], [1, 0.8]);
    // sqrt(0.25/24 + 0.16/24/0.64) / 2 * 1.96
    const half = (1.96 * Math.sqrt(0.25 / 24 + 0.16 / 24 / 0.64)) / 2;
    expect(hi - 0.75).toBeCloseTo(half, 10);
    expect(0.75 - lo).toBeCloseTo(half, 10);
    const [lo2, hi2] = normalizedInterval(r, [200, 200], [1, 0.8]);
    expect(hi2 - lo2).toBeLessThan(hi - lo);
  });
});
