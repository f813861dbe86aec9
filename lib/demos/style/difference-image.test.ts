import { describe, expect, it } from 'vitest';
import { differenceImages, heat } from './difference-image';

describe('difference images', () => {
  it('maps 0 to white and the maximum to dark red, monotonically darker', () => {
    expect(heat(0)).toEqual([255, 255, 255]);
    expect(heat(1)).toEqual([110, 0, 20]);
    expect(heat(2)).toEqual(heat(1));
    const lum = (c: number[]) => c[0] + c[1] + c[2];
    for (let k = 0; k < 10; k++) expect(lum(heat((k + 1) / 10))).toBeLessThan(lum(heat(k / 10)));
  });

  it('is white where the images agree and reports their mean Delta-E', () => {
    const a = new Uint8Array(2 * 768).fill(255), b = a.slice();
    b.set([0, 0, 0], 768 + 5 * 3); // image 1, pixel 5 black instead of white
    const d = differenceImages(a, b, 2);
    expect(Array.from(d.images.subarray(0, 768)).every((v) => v === 255)).toBe(true);
    expect(Array.from(d.images.subarray(768 + 15, 768 + 18))).toEqual([110, 0, 20]);
    expect(d.meanDeltaE).toBeCloseTo(100 / 512, 3);
  });
});
