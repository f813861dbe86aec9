/**
 * Generates the merge demo's data: every split into data/merge/ (gitignored) and the small
 * val/test splits the page needs into public/data/merge/. Usage: npm run data:merge [-- --seed 1]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DataIndex, encodeImageSet, type SplitName } from '../../lib/datasets/merge/dataset';
import { generatePretrain, PRETRAIN_CLASSES, TASKS } from '../../data-gen/merge/tasks';
import { DATA_RECIPE } from './data-recipe';

const seedArg = process.argv.indexOf('--seed');
const seed = seedArg > 0 ? Number(process.argv[seedArg + 1]) : DATA_RECIPE.seed;
const dataDir = 'data/merge', publicDir = 'public/data/merge';
mkdirSync(dataDir, { recursive: true });
mkdirSync(publicDir, { recursive: true });

const t0 = Date.now();
const pre = generatePretrain(DATA_RECIPE.pretrainCount, seed);
writeFileSync(join(dataDir, 'pretrain-train.bin'), encodeImageSet(pre));
console.log(`pretrain: ${pre.count} images, ${PRETRAIN_CLASSES.length} classes`);

const index: DataIndex = { imageSize: 28, seed, tasks: [] };
for (const task of TASKS) {
  const files: DataIndex['tasks'][number]['files'] = {};
  for (const split of ['train', 'val', 'test'] as SplitName[]) {
    const set = task.generate(split, DATA_RECIPE.counts[split], seed);
    const bytes = encodeImageSet(set);
    writeFileSync(join(dataDir, `${task.name}-${split}.bin`), bytes);
    if (split !== 'train') {
      const file = `${task.name}-${split}.bin`;
      writeFileSync(join(publicDir, file), bytes);
      files[split] = { file, count: set.count };
    }
  }
  index.tasks.push({ name: task.name, title: task.title, classes: task.classes, splitBy: task.splitBy, source: task.source, files });
  console.log(`${task.name}: ${Object.values(DATA_RECIPE.counts).join('/')} train/val/test`);
}
writeFileSync(join(publicDir, 'index.json'), JSON.stringify(index, null, 2) + '\n');
writeFileSync(join(dataDir, 'pretrain-classes.json'), JSON.stringify(PRETRAIN_CLASSES) + '\n');
console.log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
