/** Node-only: builds the training sets and ground-truth renders of the style demo, deterministically. */
import { mulberry32 } from '../../lib/util/random';
import { IMAGE_FLOATS, type StyleImageSet } from '../../lib/demos/style/dataset/dataset';
import { selectIcons } from './icons';
import { evalClasses, finetuneClasses, groundTruthCombos, STYLE_DATA, validationClasses } from './recipe';
import { NO_JITTER, renderIcon, type Jitter } from './render';
import { STYLE_FAMILIES, STYLE_NAMES, type StyleName } from '../../lib/demos/style/dataset/styles';

function jitter(rng: () => number): Jitter {
  const px = STYLE_DATA.jitterPx;
  const off = () => (Math.floor(rng() * (2 * px + 1)) - px) * 1.5; // whole pixels in viewBox units
  return { dx: off(), dy: off(), stroke: 1 + STYLE_DATA.strokeSpread * (2 * rng() - 1) };
}

interface BuildOptions { variants: number; seed: number; jittered: boolean; house: boolean }

function build(icons: string[], classes: number[], styles: StyleName[], o: BuildOptions): StyleImageSet {
  const rng = mulberry32(o.seed);
  const count = classes.length * o.variants;
  const labels = new Uint16Array(count), images = new Uint8Array(count * IMAGE_FLOATS);
  let k = 0;
  for (const c of classes) {
    for (let v = 0; v < o.variants; v++, k++) {
      labels[k] = c;
      images.set(renderIcon(icons[c], styles, o.jittered && v > 0 ? jitter(rng) : NO_JITTER, o.house), k * IMAGE_FLOATS);
    }
  }
  return { count, labels, images };
}

export const styleIcons = (): string[] => selectIcons(STYLE_DATA.icons, STYLE_DATA.seed);

/** Combo key in the canonical style order ("plain", "red", "red+bold"). */
export const comboName = (styles: readonly StyleName[]): string => (styles.length ? styles.join('+') : 'plain');

/**
 * Every set by file name: base-train (all icons, plain: what the shipped base was trained on),
 * <family>/<style>-train (the house change planted only in "planted"), planted/house-train (the
 * house fine-tune every planted style starts from), and per family the
 * unjittered ground truth of every combination on the validation and the test icons. The house
 * change is in every planted ground truth except "plain", whose target is the base.
 */
export function makeStyleSets(): Record<string, StyleImageSet> {
  const icons = styleIcons(), all = icons.map((_, i) => i), S = STYLE_DATA.seed;
  const sets: Record<string, StyleImageSet> = { 'base-train': build(icons, all, [], { variants: STYLE_DATA.variants, seed: S, jittered: true, house: false }) };
  for (const family of STYLE_FAMILIES) {
    const house = family === 'planted';
    // The same seeds in both families: the renders differ only by the house change.
    STYLE_NAMES.forEach((s, i) => (sets[`${family}/${s}-train`] = build(icons, finetuneClasses(s), [s], { variants: STYLE_DATA.variants, seed: S + 100 + i, jittered: true, house })));
    // The planted family's common ancestor: every style's fine-tuning icons, unstyled, on paper (docs/style-models.md, v3).
    if (house) sets[`${family}/house-train`] = build(icons, STYLE_NAMES.flatMap(finetuneClasses), [], { variants: STYLE_DATA.houseVariants, seed: S + 99, jittered: true, house });
    for (const [split, classes] of [['val', validationClasses()], ['test', evalClasses()]] as const)
      for (const combo of groundTruthCombos())
        sets[`${family}/gt-${split}-${comboName(combo)}`] = build(icons, classes, combo, { variants: 1, seed: 0, jittered: false, house: house && combo.length > 0 });
  }
  return sets;
}
