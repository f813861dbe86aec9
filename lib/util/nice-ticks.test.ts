import { describe, expect, it } from 'vitest';
import { niceTicks } from './nice-ticks';

describe('niceTicks', () => {
  it('covers the range at round steps with enough decimals to tell the ticks apart', () => {
    expect(niceTicks(0, 0.5)).toEqual({ ticks: [0, 0.2, 0.4, 0.6], decimals: 1 });
    expect(niceTicks(0, 83)).toEqual({ ticks: [0, 25, 50, 75, 100], decimals: 0 });
    expect(niceTicks(2.2, 9.66)).toEqual({ ticks: [2, 4, 6, 8, 10], decimals: 0 });
    expect(niceTicks(0, 0.1)).toEqual({ ticks: [0, 0.025, 0.05, 0.075, 0.1], decimals: 3 });
    expect(niceTicks(0, 0)).toEqual({ ticks: [0, 0.25, 0.5, 0.75, 1], decimals: 2 });
    for (const [lo, hi] of [[0, 0.013], [1.8, 2.05], [0, 37.2], [0.004, 0.11]]) {
      const { ticks, decimals } = niceTicks(lo, hi);
      expect(ticks[0]).toBeLessThanOrEqual(lo);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(hi);
      const labels = ticks.map((t) => t.toFixed(decimals));
      expect(new Set(labels).size).toBe(labels.length);
    }
  });
});
