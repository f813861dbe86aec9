import { describe, expect, it } from 'vitest';
import { IMAGE_FLOATS } from '../datasets/style/dataset';
import { selectIcons } from '../../data-gen/style/icons';
import { renderIcon } from '../../data-gen/style/render';
import { STYLE_NAMES, type StyleName } from '../datasets/style/styles';
import { calibrate, contentQuality, meanStats, styleScores } from './scores';

const icons = selectIcons(200, 5);
const renderAll = (names: string[], styles: StyleName[]) => {
  const out = new Uint8Array(names.length * IMAGE_FLOATS);
  names.forEach((n, i) => out.set(renderIcon(n, styles), i * IMAGE_FLOATS));
  return out;
};

describe('style scores on ground-truth renders', () => {
  // Calibrate on one half of the icons, test on the other, as the demo does (training vs eval icons).
  const calIcons = icons.slice(0, 60), testIcons = icons.slice(140, 200), n = 60;
  const cal = calibrate(
    meanStats(renderAll(calIcons, []), n),
    Object.fromEntries(STYLE_NAMES.map((s) => [s, meanStats(renderAll(calIcons, [s]), n)])) as Record<StyleName, ReturnType<typeof meanStats>>,
  );

  it('each scorer separates its style from the plain renders and from the other styles', () => {
    for (const s of STYLE_NAMES) {
      const own = styleScores(renderAll(testIcons, [s]), n, cal);
      expect(own[s], s).toBeGreaterThan(0.8);
      for (const other of STYLE_NAMES.filter((o) => o !== s)) expect(own[other], `${other} on ${s} renders`).toBeLessThan(0.2);
    }
    const plain = styleScores(renderAll(testIcons, []), n, cal);
    for (const s of STYLE_NAMES) expect(plain[s]).toBeLessThan(0.15);
  });

  it('a colour-and-background pair keeps both scores; quality is 1 on the reference and lower on the wrong icons', () => {
    const both = styleScores(renderAll(testIcons, ['red', 'night']), n, cal);
    expect(both.red).toBeGreaterThan(0.8);
    expect(both.night).toBeGreaterThan(0.8);
    const ref = renderAll(testIcons, ['bold']);
    expect(contentQuality(ref, ref, n)).toBeCloseTo(1, 5);
    expect(contentQuality(renderAll([...testIcons.slice(1), testIcons[0]], ['bold']), ref, n)).toBeLessThan(0.6);
  });
});
