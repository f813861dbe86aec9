import { describe, expect, it } from 'vitest';
import { lambdaAtCost } from './matched-cost';

describe('lambdaAtCost', () => {
  it('finds the lambda where a smooth increasing cost meets the target', async () => {
    const r = await lambdaAtCost((l) => 0.03 * l * l + 0.01 * l, 0.1);
    expect(r.reached).toBe(true);
    expect(Math.abs(r.cost - 0.1)).toBeLessThanOrEqual(0.002);
    expect(r.lambda).toBeCloseTo((-0.01 + Math.sqrt(0.0001 + 0.012)) / 0.06, 1);
    expect(r.trace.length).toBeLessThanOrEqual(16);
  });

  it('reports a cost that never reaches the target', async () => {
    const r = await lambdaAtCost((l) => 0.01 * Math.tanh(l), 0.1, { hi: 4 });
    expect(r.reached).toBe(false);
    expect(r.lambda).toBe(4);
  });
});
