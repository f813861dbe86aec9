import { describe, expect, it } from 'vitest';
import { IMAGE_FLOATS } from './dataset/dataset';
import { selectIcons } from '../../../data-gen/style/icons';
import { renderIcon } from '../../../data-gen/style/render';
import { STYLE_NAMES, type StyleName } from './dataset/styles';
import { mulberry32 } from '../../util/random';
import { calibrate, contentQuality, meanStats, styleScores } from './scores';

const icons = selectIcons(200, 5);
const renderAll = (names: string[], styles: StyleName[], house = false) => {
  const out = new Uint8Array(names.length * IMAGE_FLOATS);
  names.forEach((n, i) => out.set(renderIcon(n, styles, undefined, house), i * IMAGE_FLOATS));
  return out;
};

/** Flips a share of the pixels to random colours, as a sampler's speckle would. */
const speckle = (images: Uint8Array, share: number, seed: number) => {
  const rng = mulberry32(seed), out = images.slice();
  for (let p = 0; p < out.length / 3; p++) if (rng() < share) for (let c = 0; c < 3; c++) out[p * 3 + c] = Math.floor(rng() * 256);
  return out;
};

describe('style scores on ground-truth renders', { timeout: 240_000 }, () => {
  // Calibrate on one half of the icons (plain, no house), test on the other, as the demo does.
  const calIcons = icons.slice(0, 30), testIcons = icons.slice(170, 200), n = 30;
  const cal = calibrate(
    meanStats(renderAll(calIcons, []), n),
    Object.fromEntries(STYLE_NAMES.map((s) => [s, meanStats(renderAll(calIcons, [s]), n)])) as Record<StyleName, ReturnType<typeof meanStats>>,
  );

  it('each scorer separates its style from the plain renders and the other styles, with and without the house change', () => {
    for (const house of [false, true]) {
      for (const s of STYLE_NAMES) {
        const own = styleScores(renderAll(testIcons, [s], house), n, cal);
        expect(own[s], `${s} house=${house}`).toBeGreaterThan(0.8);
        for (const other of STYLE_NAMES.filter((o) => o !== s)) expect(own[other], `${other} on ${s} renders, house=${house}`).toBeLessThan(0.2);
      }
      const plain = styleScores(renderAll(testIcons, [], house), n, cal);
      for (const s of STYLE_NAMES) expect(plain[s], `${s} on plain, house=${house}`).toBeLessThan(0.15);
    }
  });

  it('every pair keeps both scores, also with 3% of the pixels speckled', () => {
    for (let a = 0; a < STYLE_NAMES.length; a++)
      for (let b = a + 1; b < STYLE_NAMES.length; b++) {
        const A = STYLE_NAMES[a], B = STYLE_NAMES[b], imgs = renderAll(testIcons, [A, B], true);
        for (const [label, x] of [['clean', imgs], ['speckled', speckle(imgs, 0.03, a * 4 + b)]] as const) {
          const sc = styleScores(x, n, cal);
          expect(sc[A], `${A} in ${A}+${B} ${label}`).toBeGreaterThan(0.75);
          expect(sc[B], `${B} in ${A}+${B} ${label}`).toBeGreaterThan(0.75);
        }
      }
  });

  it('quality is 1 on the reference and lower on the wrong icons', () => {
    const ref = renderAll(testIcons, ['underline'], true);
    expect(contentQuality(ref, ref, n)).toBeCloseTo(1, 5);
    expect(contentQuality(renderAll([...testIcons.slice(1), testIcons[0]], ['underline'], true), ref, n)).toBeLessThan(0.6);
  });
});
