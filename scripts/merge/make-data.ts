/**
 * Generates the merge demo's data. Usage: npm run data:merge [-- --seed 1]
 * data/merge/ (gitignored): pre-training set, and per family ("sibling" = rendered images, "planted" =
 * the same images under the acquisition shift) every task's train/val/test split.
 * public/data/merge/: the first pageCounts images of the planted val/test splits, for the page.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSet, type DataIndex, encodeImageSet, type ImageSet, PIXELS, type SplitName } from '../../lib/demos/merge/dataset/dataset';
import { PLANTED_SHIFT, shiftSet } from '../../data-gen/merge/acquisition-shift';
import { generatePretrain, PRETRAIN_CLASSES, TASKS } from '../../data-gen/merge/tasks';
import { DATA_RECIPE } from './data-recipe';
import { packDataIndex } from '../pack-models';

const seedArg = process.argv.indexOf('--seed');
const seed = seedArg > 0 ? Number(process.argv[seedArg + 1]) : DATA_RECIPE.seed;
const dataDir = 'data/merge', publicDir = 'public/data/merge';
for (const d of [dataDir, publicDir, ...DATA_RECIPE.families.map((f) => join(dataDir, f))]) mkdirSync(d, { recursive: true });

const head = (set: ImageSet, n: number): ImageSet => buildSet(Math.min(n, set.count), (i) => [set.images.subarray(i * PIXELS, (i + 1) * PIXELS), set.labels[i]]);

const t0 = Date.now();
const pre = generatePretrain(DATA_RECIPE.pretrainCount, seed);
writeFileSync(join(dataDir, 'pretrain-train.bin'), encodeImageSet(pre));
console.log(`pretrain: ${pre.count} images, ${PRETRAIN_CLASSES.length} classes`);

const index: DataIndex = { imageSize: 28, seed, tasks: [] };
for (const task of TASKS) {
  const files: DataIndex['tasks'][number]['files'] = {};
  for (const split of ['train', 'val', 'test'] as SplitName[]) {
    const clean = task.generate(split, DATA_RECIPE.counts[split], seed);
    const planted = shiftSet(clean, `${task.name}-${split}`, seed);
    writeFileSync(join(dataDir, 'sibling', `${task.name}-${split}.bin`), encodeImageSet(clean));
    writeFileSync(join(dataDir, 'planted', `${task.name}-${split}.bin`), encodeImageSet(planted));
    if (split !== 'train') {
      const file = `${task.name}-${split}.bin`;
      const page = head(planted, DATA_RECIPE.pageCounts[split]);
      writeFileSync(join(publicDir, file), encodeImageSet(page));
      files[split] = { file, count: page.count };
    }
  }
  index.tasks.push({ name: task.name, title: task.title, classes: task.classes, splitBy: task.splitBy, source: task.source, files });
  console.log(`${task.name}: ${Object.values(DATA_RECIPE.counts).join('/')} train/val/test per family`);
}
const shift = `acquisition shift (planted family): ${PLANTED_SHIFT.invert ? 'inverted polarity, ' : ''}Gaussian blur sigma ${PLANTED_SHIFT.blur} px, noise sigma ${PLANTED_SHIFT.noise}/255`;
writeFileSync(join(publicDir, 'index.json'), JSON.stringify({ ...index, family: 'planted', shift, evalCounts: DATA_RECIPE.counts }, null, 2) + '\n');
packDataIndex(publicDir); // the page fetches <file>.packed: fewer bytes, the same images
writeFileSync(join(dataDir, 'pretrain-classes.json'), JSON.stringify(PRETRAIN_CLASSES) + '\n');
console.log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
