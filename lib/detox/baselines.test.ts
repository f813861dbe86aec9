import { describe, expect, it } from 'vitest';
import { float64Engine } from '../linalg/engine';
import { mulberry32, gaussian } from '../util/random';
import { difference, energyMatchedBasis, energyMatchedControl, projectOffBenign, removeSubspace } from './baselines';

const randomMatrix = (rows: number, cols: number, seed: number) => {
  const g = gaussian(mulberry32(seed));
  return Float32Array.from({ length: rows * cols }, () => g());
};
const norm2 = (a: Float32Array) => a.reduce((s, x) => s + x * x, 0);

describe('negation baselines', () => {
  it('difference subtracts tensor by tensor', () => {
    expect(Array.from(difference({ w: Float32Array.of(3, 1) }, { w: Float32Array.of(1, 1) }).w)).toEqual([2, 0]);
  });

  it('removeSubspace leaves nothing in the removed columns space', () => {
    const W = { rows: 3, cols: 2, data: Float32Array.of(1, 2, 3, 4, 5, 6) };
    const Q = { rows: 3, cols: 1, data: Float64Array.of(1, 0, 0) };
    expect(Array.from(removeSubspace(W, Q))).toEqual([0, 0, 3, 4, 5, 6]);
  });

  it('projecting off benign removes a direction both share and keeps 1-D tensors', async () => {
    // benign lives in the column span of e1; toxic = e1-part + e2-part.
    const benign = { w: Float32Array.of(5, 1, 0, 0, 0, 0), b: Float32Array.of(1) };
    const toxic = { w: Float32Array.of(2, 3, 4, 1, 0, 0), b: Float32Array.of(7) };
    const { direction, ranks } = await projectOffBenign(toxic, benign, { w: [3, 2], b: [1] }, float64Engine);
    expect(ranks.w).toBe(1);
    expect(Array.from(direction.w).map((x) => Math.round(x * 1e5) / 1e5)).toEqual([0, 0, 4, 1, 0, 0]);
    expect(Array.from(direction.b)).toEqual([7]);
  });

  it('energy-matched bases hold the asked fraction and are reproducible', () => {
    const W = { rows: 40, cols: 10, data: randomMatrix(40, 10, 3) };
    const Q = energyMatchedBasis(W, 0.3, 5);
    const kept = removeSubspace(W, Q);
    const removed = 1 - norm2(kept) / norm2(W.data);
    expect(removed).toBeGreaterThanOrEqual(0.3 - 1e-6);
    expect(Q.cols).toBeGreaterThan(1);
    // the last direction was needed: without it the fraction is not reached
    const fewer = { ...Q, cols: Q.cols - 1, data: Float64Array.from({ length: 40 * (Q.cols - 1) }, (_, k) => Q.data[Math.floor(k / (Q.cols - 1)) * Q.cols + (k % (Q.cols - 1))]) };
    expect(1 - norm2(removeSubspace(W, fewer)) / norm2(W.data)).toBeLessThan(0.3);
    const a = energyMatchedControl({ w: W.data }, { w: [40, 10] }, { w: 0.3 }, 9);
    const b = energyMatchedControl({ w: W.data }, { w: [40, 10] }, { w: 0.3 }, 9);
    expect(a).toEqual(b);
    expect(energyMatchedControl({ w: W.data }, { w: [40, 10] }, { w: 0.3 }, 10).direction.w).not.toEqual(a.direction.w);
  });
});
