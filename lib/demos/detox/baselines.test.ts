import { describe, expect, it } from 'vitest';
import { float64Engine } from '../../linalg/engine';
import { difference, projectOffBenign, removeSubspace } from './baselines';


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
});
