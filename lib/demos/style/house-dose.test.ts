import { describe, expect, it } from 'vitest';
import { hexRgb, houseDose, houseMask, premiseVerdict, tintDose } from './house-dose';

const N = 256;
const solid = (rgb: [number, number, number]) => {
  const out = new Uint8Array(N * 3);
  for (let i = 0; i < out.length; i += 3) out.set(rgb, i);
  return out;
};
const put = (img: Uint8Array, x: number, y: number, rgb: [number, number, number]) => img.set(rgb, (y * 16 + x) * 3);

describe('house dose', () => {
  const plain = solid([255, 255, 255]);
  put(plain, 8, 8, [17, 17, 17]); // one stroke pixel
  const house = solid([239, 226, 196]);
  put(house, 8, 8, [17, 17, 17]);
  const mask = houseMask(plain, 0);

  it('masks the stroke and its 1-px neighbourhood, nothing else', () => {
    let off = 0;
    for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) if (!mask[y * 16 + x]) (off++, expect(Math.max(Math.abs(x - 8), Math.abs(y - 8))).toBeLessThanOrEqual(1));
    expect(off).toBe(9);
  });

  it('reads 0 for the house-free render, 1 for the house render and 2 for the change applied twice', () => {
    expect(houseDose(plain, 0, plain, house, 0, mask)).toBeCloseTo(0, 9);
    expect(houseDose(house, 0, plain, house, 0, mask)).toBeCloseTo(1, 9);
    const twice = solid([223, 197, 137]);
    expect(houseDose(twice, 0, plain, house, 0, mask)).toBeCloseTo(2, 9);
  });

  it('ignores what is drawn on masked pixels (a stroke in another colour)', () => {
    const redStroke = house.slice();
    put(redStroke, 8, 8, [212, 26, 26]);
    put(redStroke, 9, 8, [212, 26, 26]);
    expect(houseDose(redStroke, 0, plain, house, 0, mask)).toBeCloseTo(1, 9);
  });

  it('reads a background shift orthogonal to the house change as ~0', () => {
    // Blue-ish shift: moves B up where the house moves it down most; its projection is small and negative.
    const bluish = solid([250, 250, 255]);
    expect(Math.abs(houseDose(bluish, 0, plain, house, 0, mask))).toBeLessThan(0.15);
  });

  it('calls an interval holds above the margin, absent inside it, inconclusive otherwise', () => {
    expect(premiseVerdict([0.3, 0.5], 0.1)).toBe('holds');
    expect(premiseVerdict([0.005, 0.02], 0.1)).toBe('absent');
    expect(premiseVerdict([0.05, 0.2], 0.1)).toBe('inconclusive');
    expect(premiseVerdict([-0.2, 0.05], 0.1)).toBe('inconclusive');
  });
});

describe('tint dose read against the ground truth alone', () => {
  const paper: [number, number, number] = [239, 226, 196];
  const truth = solid(paper);
  put(truth, 8, 8, [17, 17, 17]);
  it('reads 1 for the truth, 2 for the tint applied twice, 0 for white, whatever is drawn near the stroke', () => {
    expect(tintDose(truth, truth, 1, paper)).toBeCloseTo(1, 9);
    const twice = solid([223, 197, 137]);
    put(twice, 8, 9, [0, 0, 255]);
    expect(tintDose(twice, truth, 1, paper)).toBeCloseTo(2, 9);
    expect(tintDose(solid([255, 255, 255]), truth, 1, paper)).toBeCloseTo(0, 9);
    expect(hexRgb('#efe2c4')).toEqual(paper);
  });
});
