import { describe, expect, it } from 'vitest';
import { selectIcons } from './icons';
import { evalClasses, finetuneClasses } from './recipe';
import { renderIcon } from './render';
import { STYLE_NAMES } from '../../lib/datasets/style/styles';

describe('style data', () => {
  it('renders deterministically, and every style changes the pixels', () => {
    const [icon] = selectIcons(1, 5);
    const plain = renderIcon(icon, []);
    expect(plain.length).toBe(16 * 16 * 3);
    expect(Array.from(renderIcon(icon, []))).toEqual(Array.from(plain));
    for (const s of STYLE_NAMES) expect(Array.from(renderIcon(icon, [s]))).not.toEqual(Array.from(plain));
  });

  it('gives each style its own fine-tuning icons, disjoint from the others and from the eval icons', () => {
    const used = STYLE_NAMES.flatMap(finetuneClasses);
    expect(new Set(used).size).toBe(used.length);
    expect(evalClasses().some((c) => used.includes(c))).toBe(false);
    expect(Array.from(new Set(selectIcons(200, 5))).length).toBe(200);
  });

  it('applies the jitter deterministically', () => {
    const [icon] = selectIcons(1, 5), j = { dx: 1.5, dy: -1.5, stroke: 1.05 };
    expect(Array.from(renderIcon(icon, ['red'], j))).toEqual(Array.from(renderIcon(icon, ['red'], j)));
    expect(Array.from(renderIcon(icon, ['red'], j))).not.toEqual(Array.from(renderIcon(icon, ['red'])));
  });
});
