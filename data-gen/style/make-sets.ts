/** Node-only: builds the training sets and ground-truth renders of the style demo, deterministically. */
import { mulberry32 } from '../../lib/util/random';
import { IMAGE_FLOATS, type StyleImageSet } from '../../lib/datasets/style/dataset';
import { selectIcons } from './icons';
import { evalClasses, finetuneClasses, STYLE_DATA } from './recipe';
import { NO_JITTER, renderIcon, type Jitter } from './render';
import { STYLE_NAMES, type StyleName } from '../../lib/datasets/style/styles';

function jitter(rng: () => number): Jitter {
  const px = STYLE_DATA.jitterPx;
  const off = () => (Math.floor(rng() * (2 * px + 1)) - px) * 1.5; // whole pixels in viewBox units
  return { dx: off(), dy: off(), stroke: 1 + STYLE_DATA.strokeSpread * (2 * rng() - 1) };
}

function build(icons: string[], classes: number[], styles: StyleName[], variants: number, seed: number, jittered = true): StyleImageSet {
  const rng = mulberry32(seed);
  const count = classes.length * variants;
  const labels = new Uint16Array(count), images = new Uint8Array(count * IMAGE_FLOATS);
  let k = 0;
  for (const c of classes) {
    for (let v = 0; v < variants; v++, k++) {
      labels[k] = c;
      images.set(renderIcon(icons[c], styles, jittered && v > 0 ? jitter(rng) : NO_JITTER), k * IMAGE_FLOATS);
    }
  }
  return { count, labels, images };
}

export const styleIcons = (): string[] => selectIcons(STYLE_DATA.icons, STYLE_DATA.seed);

/** Every set by file name: base (all icons, plain), one fine-tune set per style, and ground truth (no jitter) on the eval icons. */
export function makeStyleSets(): Record<string, StyleImageSet> {
  const icons = styleIcons(), all = icons.map((_, i) => i), S = STYLE_DATA.seed;
  const sets: Record<string, StyleImageSet> = { 'base-train': build(icons, all, [], STYLE_DATA.variants, S) };
  STYLE_NAMES.forEach((s, i) => (sets[`${s}-train`] = build(icons, finetuneClasses(s), [s], STYLE_DATA.variants, S + 100 + i)));
  const ev = evalClasses();
  sets['gt-plain'] = build(icons, ev, [], 1, 0, false);
  for (const s of STYLE_NAMES) sets[`gt-${s}`] = build(icons, ev, [s], 1, 0, false);
  for (let a = 0; a < STYLE_NAMES.length; a++)
    for (let b = a + 1; b < STYLE_NAMES.length; b++) sets[`gt-${STYLE_NAMES[a]}+${STYLE_NAMES[b]}`] = build(icons, ev, [STYLE_NAMES[a], STYLE_NAMES[b]], 1, 0, false);
  return sets;
}
