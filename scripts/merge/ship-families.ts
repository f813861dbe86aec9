/**
 * npm run ship:merge — the page's family: the planted family's seed-0 fine-tunes, the base and the frozen
 * prototype heads as fp16 safetensors in public/models/merge/, in the merge-family@1 manifest format the
 * lab reads (head "base" = head "finetune" = the frozen prototype head). Accuracies in the manifest are
 * measured on the fp16 weights over the shipped page subsets (public/data/merge/).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeImageSet } from '../../lib/demos/merge/dataset/dataset';
import { PRETRAIN_CLASSES, TASKS } from '../../data-gen/merge/tasks';
import type { MergeManifest } from '../../lib/demos/merge/merge-family';
import { DEFAULT_VIT } from '../../lib/models/vit';
import { readSafetensors, writeSafetensors } from '../../lib/tensors/safetensors';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { DATA_RECIPE } from './data-recipe';
import { accuracyOf, CKPT_DIR, FamilyScorer } from './family-scorer';
import { FAMILIES_TRAIN } from './train-config';
import { packModelFolder } from '../pack-models';

const outDir = 'public/models/merge';
const read = (f: string) => readSafetensors(readFileSync(join(CKPT_DIR, f)));
const files: MergeManifest['files'] = {};
const write = (file: string, ws: WeightSet, metadata: Record<string, string>): WeightSet => {
  const bytes = writeSafetensors(ws, { dtype: 'F16', metadata });
  writeFileSync(join(outDir, file), bytes);
  files[file] = { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
  return readSafetensors(bytes);
};

async function main() {
  const base = write('base.safetensors', read('base.safetensors'), { role: 'base', format: 'vit-encoder' });
  const headsAll: WeightSet = { tensors: {} };
  const encoders: WeightSet[] = [];
  const cpu: number[] = [];
  for (const t of TASKS) {
    const h = read(`head-${t.name}.safetensors`);
    for (const kind of ['base', 'finetune']) {
      headsAll.tensors[`${t.name}.${kind}.weight`] = h.tensors['head.weight'];
      headsAll.tensors[`${t.name}.${kind}.bias`] = h.tensors['head.bias'];
    }
    const ft = read(`ft-planted-s0-${t.name}.safetensors`);
    cpu.push(Number(ft.metadata?.cpuSeconds ?? 0));
    encoders.push(write(`task-${t.name}.safetensors`, ft, { role: 'finetune', task: t.name, family: 'planted', seed: '0', format: 'vit-encoder' }));
  }
  const heads = write('heads.safetensors', headsAll, { role: 'heads', naming: '<task>.<base|finetune>.<weight|bias>; both are the frozen prototype head' });
  const headOf = (t: string): WeightSet => ({ tensors: { 'head.weight': heads.tensors[`${t}.base.weight`], 'head.bias': heads.tensors[`${t}.base.bias`] } });
  const scorer = await FamilyScorer.create();
  const tasks: MergeManifest['tasks'] = [];
  for (const [i, t] of TASKS.entries()) {
    const acc = { baseHead: { val: 0, test: 0 }, finetune: { val: 0, test: 0 } };
    for (const split of ['val', 'test'] as const) {
      const set = decodeImageSet(new Uint8Array(readFileSync(`public/data/merge/${t.name}-${split}.bin`)));
      acc.baseHead[split] = accuracyOf((await scorer.shared(base, [set], [headOf(t.name)]))[0]);
      acc.finetune[split] = accuracyOf((await scorer.perTask([encoders[i]], [set], [headOf(t.name)]))[0]);
    }
    console.log(`${t.name}: base ${acc.baseHead.test.toFixed(3)} fine-tune ${acc.finetune.test.toFixed(3)} (page test subset)`);
    tasks.push({ name: t.name, title: t.title, classes: t.classes, encoder: `task-${t.name}.safetensors`, accuracy: acc });
  }
  await scorer.release();
  const manifest: MergeManifest = {
    format: 'task-vector-lab/merge-family@1',
    architecture: { family: 'vit', ...DEFAULT_VIT },
    dtype: 'F16',
    base: 'base.safetensors',
    heads: 'heads.safetensors',
    headNaming: '<task>.<base|finetune>.<weight|bias>; both are the frozen prototype head (5 clean images per class through the base)',
    pretraining: { task: 'Cyrillic letters (no Latin/Greek look-alikes) in 15 font families', classes: PRETRAIN_CLASSES, images: DATA_RECIPE.pretrainCount },
    tasks,
    data: { recipe: DATA_RECIPE, family: 'planted', index: '/data/merge/index.json', command: 'npm run data:merge', accuracies: 'page subsets (first 200 val / 200 test images per task)' },
    training: { ...FAMILIES_TRAIN, shipped: 'planted family, seed 0', cpuSecondsPerFinetune: cpu, command: 'npm run train:merge', backend: 'tfjs-wasm, one core' },
    files,
  };
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  packModelFolder(outDir); // the page fetches <file>.packed: fewer bytes, the same tensors
  console.log(`shipped ${Object.keys(files).length} files, ${(Object.values(files).reduce((a, f) => a + f.bytes, 0) / 1e6).toFixed(2)} MB`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
