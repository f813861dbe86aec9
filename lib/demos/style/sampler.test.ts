import { describe, expect, it } from 'vitest';
import { initialNoise, sampleImages } from './sampler';

/** The sampler's byte mapping of a model output in [-1, 1]. */
const toByte = (x: number) => Math.max(0, Math.min(255, Math.round((x + 1) * 127.5)));

describe('Euler sampler', () => {
  it('integrates a known flow: v = -x shrinks the noise by (1 - 1/steps)^steps', async () => {
    let calls = 0, rows = 0;
    const velocity = async (x: Float32Array, t: Float32Array) => {
      calls++;
      rows = t.length;
      return x.map((v) => -v);
    };
    const o = { velocity, labels: [1, 2, 3], seeds: [5, 6, 7], steps: 8, guidance: 2, nullLabel: 9, pixels: 12 };
    const a = await sampleImages(o);
    expect(calls).toBe(8);
    expect(rows).toBe(6); // conditional + unconditional halves in one batch
    const shrink = (1 - 1 / 8) ** 8;
    const expected = o.seeds.flatMap((s) => Array.from(initialNoise(s, 12), (x) => toByte(x * shrink)));
    expect(a.length).toBe(36);
    a.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1));
    expect(Array.from(await sampleImages(o))).toEqual(Array.from(a));
    expect(Array.from(initialNoise(5, 12))).not.toEqual(Array.from(initialNoise(6, 12)));
  });

  it('guides as v_uncond + w (v_cond - v_uncond), from t = 0 to 1', async () => {
    const ts: number[] = [];
    // Conditional rows move at 0.3, the "no class" rows at 0.1: guidance 1.5 gives 0.1 + 1.5 * 0.2 = 0.4.
    const velocity = async (x: Float32Array, t: Float32Array, labels: Int32Array) => {
      ts.push(t[0]);
      const D = x.length / labels.length;
      return Float32Array.from(x, (_, i) => (labels[Math.floor(i / D)] === 9 ? 0.1 : 0.3));
    };
    const o = { velocity, labels: [1, 2], seeds: [3, 4], steps: 4, guidance: 1.5, nullLabel: 9, pixels: 6 };
    const out = await sampleImages(o);
    expect(ts).toEqual([0, 0.25, 0.5, 0.75]);
    const expected = o.seeds.flatMap((s) => Array.from(initialNoise(s, 6), (x) => toByte(x + 0.4)));
    out.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1));
  });
});
