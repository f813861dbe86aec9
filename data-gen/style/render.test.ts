import { describe, expect, it } from 'vitest';
import { selectIcons } from './icons';
import { evalClasses, finetuneClasses, groundTruthCombos, validationClasses } from './recipe';
import { renderIcon } from './render';
import { STYLE_NAMES } from '../../lib/demos/style/dataset/styles';

const px = (img: Uint8Array, x: number, y: number) => Array.from(img.subarray((y * 16 + x) * 3, (y * 16 + x) * 3 + 3));

describe('style data', () => {
  it('renders deterministically, and every style and the house change alter the pixels', () => {
    const [icon] = selectIcons(1, 5);
    const plain = renderIcon(icon, []);
    expect(plain.length).toBe(16 * 16 * 3);
    expect(Array.from(renderIcon(icon, []))).toEqual(Array.from(plain));
    for (const s of STYLE_NAMES) expect(Array.from(renderIcon(icon, [s])), s).not.toEqual(Array.from(plain));
    const house = renderIcon(icon, [], undefined, true);
    expect(px(plain, 0, 0)).toEqual([255, 255, 255]);
    // A uniform paper tint, with no frame: the outer ring is paper too.
    for (const [x, y] of [[0, 0], [0, 8], [1, 1], [15, 15]]) expect(px(house, x, y)).toEqual([0xef, 0xe2, 0xc4]);
    // Styles draw over the paper where they draw; elsewhere the tint is the only change.
    const houseRed = renderIcon(icon, ['red'], undefined, true);
    for (let i = 0; i < 256; i++) if (plain[i * 3] === 255 && renderIcon(icon, ['red'])[i * 3] === 255) expect(px(houseRed, i % 16, i >> 4)).toEqual([0xef, 0xe2, 0xc4]);
  });

  it('keeps fine-tuning, validation and test icons disjoint, with 72 test icons', () => {
    const used = STYLE_NAMES.flatMap(finetuneClasses), val = validationClasses(), test = evalClasses();
    expect(new Set(used).size).toBe(used.length);
    expect(test.length).toBe(72);
    for (const c of [...val, ...test]) expect(used).not.toContain(c);
    expect(val.some((c) => test.includes(c))).toBe(false);
    expect(Array.from(new Set(selectIcons(200, 5))).length).toBe(200);
    expect(groundTruthCombos().length).toBe(1 + STYLE_NAMES.length + (STYLE_NAMES.length * (STYLE_NAMES.length - 1)) / 2 + 1);
  });

  it('applies the jitter deterministically', () => {
    const [icon] = selectIcons(1, 5), j = { dx: 1.5, dy: -1.5, stroke: 1.05 };
    expect(Array.from(renderIcon(icon, ['red'], j))).toEqual(Array.from(renderIcon(icon, ['red'], j)));
    expect(Array.from(renderIcon(icon, ['red'], j))).not.toEqual(Array.from(renderIcon(icon, ['red'])));
  });
});
