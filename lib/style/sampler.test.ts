import { describe, expect, it } from 'vitest';
import { initialNoise, sampleImages } from './sampler';

describe('Euler sampler', () => {
  it('returns n images of the right size, deterministic per seed, and calls the model steps times', async () => {
    let calls = 0, rows = 0;
    // v = -x drives every pixel towards 0 (mid grey): a known flow to check the integrator.
    const velocity = async (x: Float32Array, t: Float32Array) => {
      calls++;
      rows = t.length;
      return x.map((v) => -v);
    };
    const o = { velocity, labels: [1, 2, 3], seeds: [5, 6, 7], steps: 8, guidance: 2, nullLabel: 9, pixels: 12 };
    const a = await sampleImages(o);
    expect(a.length).toBe(36);
    expect(calls).toBe(8);
    expect(rows).toBe(6); // conditional + unconditional halves in one batch
    expect(Array.from(await sampleImages(o))).toEqual(Array.from(a));
    expect(Array.from(initialNoise(5, 12))).not.toEqual(Array.from(initialNoise(6, 12)));
  });
});
