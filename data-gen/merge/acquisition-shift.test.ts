import { describe, expect, it } from 'vitest';
import { buildSet, IMAGE_SIZE, PIXELS } from '../../lib/demos/merge/dataset/dataset';
import { blurImage, shiftSet } from './acquisition-shift';

const bar = () => {
  const px = new Uint8Array(PIXELS);
  for (let y = 4; y < 24; y++) px[y * IMAGE_SIZE + 14] = 255; // one-pixel vertical stroke
  return px;
};

describe('planted acquisition shift', () => {
  it('blur keeps the ink mass and spreads a one-pixel stroke', () => {
    const b = blurImage(bar(), 0.9);
    const mass = b.reduce((a, v) => a + v, 0);
    expect(mass).toBeCloseTo(20 * 255, 0);
    expect(b[10 * IMAGE_SIZE + 14]).toBeLessThan(200);
    expect(b[10 * IMAGE_SIZE + 13]).toBeGreaterThan(30);
  });

  it('inverts polarity, adds noise, and is a pure function of (seed, label, index)', () => {
    const set = buildSet(3, () => [bar(), 0]);
    const o = { blur: 0.9, noise: 28, invert: true };
    const a = shiftSet(set, 'digits-val', 1, o), b = shiftSet(set, 'digits-val', 1, o), c = shiftSet(set, 'digits-val', 2, o);
    expect(Array.from(a.images)).toEqual(Array.from(b.images));
    expect(Array.from(a.images)).not.toEqual(Array.from(c.images));
    // Background (0) becomes light; the stroke becomes the darkest column.
    const bg = a.images[2 * IMAGE_SIZE + 2], ink = a.images[10 * IMAGE_SIZE + 14];
    expect(bg).toBeGreaterThan(180);
    expect(ink).toBeLessThan(bg - 60);
    // Images of the same set get different noise.
    expect(Array.from(a.images.subarray(0, PIXELS))).not.toEqual(Array.from(a.images.subarray(PIXELS, 2 * PIXELS)));
  });

  it('the planted default keeps polarity: the ground stays dark and the stroke bright', () => {
    const a = shiftSet(buildSet(1, () => [bar(), 0]), 'digits-val', 1);
    expect(a.images[2 * IMAGE_SIZE + 2]).toBeLessThan(40);
    expect(a.images[10 * IMAGE_SIZE + 14]).toBeGreaterThan(120);
  });

  it('contrast below 1 pulls every level towards mid-grey', () => {
    const o = { blur: 0, noise: 0, invert: false, contrast: 0.5 };
    const a = shiftSet(buildSet(1, () => [bar(), 0]), 'x', 1, o);
    expect(a.images[2 * IMAGE_SIZE + 2]).toBe(64);
    expect(a.images[10 * IMAGE_SIZE + 14]).toBe(191);
  });
});
