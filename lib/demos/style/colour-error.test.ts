import { describe, expect, it } from 'vitest';
import { colourError, deltaEMap, srgbToLab } from './colour-error';

const solid = (rgb: [number, number, number], n = 1) => {
  const out = new Uint8Array(n * 768);
  for (let i = 0; i < out.length; i += 3) out.set(rgb, i);
  return out;
};

describe('colour error', () => {
  it('converts sRGB to CIELAB at the reference points', () => {
    const white = srgbToLab(255, 255, 255), black = srgbToLab(0, 0, 0), red = srgbToLab(255, 0, 0);
    expect(white[0]).toBeCloseTo(100, 2);
    expect(Math.hypot(white[1], white[2])).toBeLessThan(0.01);
    expect(black[0]).toBeCloseTo(0, 6);
    // Published CIELAB of sRGB red (D65): 53.24, 80.09, 67.20.
    expect(red[0]).toBeCloseTo(53.24, 1);
    expect(red[1]).toBeCloseTo(80.09, 1);
    expect(red[2]).toBeCloseTo(67.2, 1);
  });

  it('is zero on identical images, symmetric, and counts the background', () => {
    const a = solid([239, 226, 196]), b = solid([255, 255, 255]);
    expect(colourError(a, a, 0).all).toBe(0);
    const ab = colourError(a, b, 0), ba = colourError(b, a, 0);
    expect(ab.all).toBeCloseTo(ba.all, 9);
    expect(ab.all).toBeGreaterThan(10); // paper against white is clearly visible
    expect(ab.border).toBeCloseTo(ab.all, 9);
  });

  it('separates the border rings from the centre and reads images at their offsets', () => {
    const a = solid([255, 255, 255], 2), b = solid([255, 255, 255], 2);
    b.set([0, 0, 0], 768 + (8 * 16 + 8) * 3); // one centre pixel of the second image
    expect(colourError(a, b, 0).all).toBe(0);
    const e = colourError(a, b, 1);
    expect(e.border).toBe(0);
    expect(e.all).toBeCloseTo(100 / 256, 3);
    expect(deltaEMap(a, b, 1)[8 * 16 + 8]).toBeCloseTo(100, 3);
    expect(colourError(a, b, 0, 1).all).toBeCloseTo(100 / 256, 3);
  });
});
