/**
 * npm run train:merge [-- --steps N] [-- --only-heads] [-- --order planted/0,sibling/0] [-- --tasks mnist,icons] [-- --only-stage]
 * The merge miniature's two families on the shipped pre-trained base encoder (public/models/merge/base.safetensors,
 * made by the v1 training script, 2,400 steps on Cyrillic glyphs: git show c7b8caf:scripts/merge/train.ts):
 * 1. per task, a frozen prototype head from a few labelled clean training images per class through the base (both families);
 * 2. the planted family's common ancestor: one sensor-adaptation stage (scripts/merge/adaptation-stage.ts);
 * 3. per family, seed and task, a fine-tune of the encoder under that frozen head (resumable with optimiser state),
 *    planted from the stage, sibling from the base;
 * 4. the planted family's seed-0 fine-tunes ship as fp16 to public/models/merge/ (the page's family).
 * Checkpoints and the log: checkpoints/merge-v4/ (train.log). Run it niced: nice -n 5 npm run train:merge
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSet, decodeImageSet, type ImageSet, PIXELS } from '../../lib/demos/merge/dataset/dataset';
import { TASKS } from '../../data-gen/merge/tasks';
import { classMeans, prototypeHead } from '../../lib/demos/merge/prototype-head';
import { DEFAULT_VIT } from '../../lib/models/vit';
import { readSafetensors, writeSafetensors } from '../../lib/tensors/safetensors';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { DATA_RECIPE, type FamilyName } from './data-recipe';
import { finetuneFrozenHead } from './finetune-loop';
import { mergeAdapter, trainAdaptationStage } from './adaptation-stage';
import { CKPT_DIR, FAMILIES_TRAIN } from './train-config';
import { shiftSet } from '../../data-gen/merge/acquisition-shift';
import { features } from './train-loop';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
/** --order planted/0,sibling/0 trains only those (family, seed) units, in that order. */
const order = arg('--order')?.split(',').map((u) => [u.split('/')[0], Number(u.split('/')[1])] as [FamilyName, number]);
/** --tasks mnist,icons: only those tasks (to split one family over two processes). */
const only = arg('--tasks')?.split(',');
const T = { ...FAMILIES_TRAIN, order: order ?? FAMILIES_TRAIN.order, finetune: { ...FAMILIES_TRAIN.finetune, steps: Number(arg('--steps') ?? FAMILIES_TRAIN.finetune.steps) } };
const cfg = DEFAULT_VIT;
mkdirSync(CKPT_DIR, { recursive: true });

const log = (msg: string) => {
  const line = `${new Date().toISOString()} ${msg}`;
  console.log(line);
  appendFileSync(join(CKPT_DIR, 'train.log'), line + '\n');
};
const save = (name: string, ws: WeightSet, metadata: Record<string, string>) => {
  const path = join(CKPT_DIR, name);
  writeFileSync(path + '.tmp', writeSafetensors(ws, { dtype: 'F32', metadata }));
  renameSync(path + '.tmp', path);
};
const load = (name: string): WeightSet | null => (existsSync(join(CKPT_DIR, name)) ? readSafetensors(readFileSync(join(CKPT_DIR, name))) : null);
const loadSet = (family: FamilyName, task: string, split: string): ImageSet => decodeImageSet(new Uint8Array(readFileSync(join('data/merge', family, `${task}-${split}.bin`))));

/** The first `perClass` images of each class (labels cycle through the classes, so these are the first K*perClass). */
const firstPerClass = (set: ImageSet, classes: number, perClass: number): ImageSet =>
  buildSet(classes * perClass, (i) => [set.images.subarray(i * PIXELS, (i + 1) * PIXELS), set.labels[i]]);

/**
 * Both families share one head per task: prototypes of CLEAN images through the base (like a text head, it
 * names the classes as the base sees them). Under the planted shift the base cannot read the images, so
 * each fine-tune must learn to map shifted images back to where the head expects them: a component every
 * task needs. (Prototypes of shifted images through the base were tried first: nearly identical, so the
 * head was near-degenerate and 72-step fine-tunes stayed at 16-36% validation accuracy, below chance loss.)
 */
async function heads(base: WeightSet): Promise<Record<string, WeightSet>> {
  const out: Record<string, WeightSet> = {};
  for (const t of TASKS) {
    const name = `head-${t.name}.safetensors`;
    let h = load(name);
    if (!h) {
      const shots = firstPerClass(loadSet('sibling', t.name, 'train'), t.classes.length, T.prototypes.perClass);
      h = prototypeHead(classMeans(await features(base, shots, cfg), shots.labels, t.classes.length), t.classes.length, T.prototypes.margin);
      save(name, h, { ...h.metadata });
      log(`head ${t.name}: ${T.prototypes.perClass} clean images per class`);
    }
    out[t.name] = h;
  }
  return out;
}

/** The planted family's starting point, made once (resumable): see adaptation-stage.ts. */
async function stage(base: WeightSet): Promise<WeightSet> {
  const name = 'stage.safetensors', done = load(name);
  if (done) return done;
  const o = FAMILIES_TRAIN.stage;
  const clean = decodeImageSet(new Uint8Array(readFileSync('data/merge/pretrain-train.bin')));
  const shifted = shiftSet(clean, 'pretrain-stage', o.seed);
  log(`stage: rank-${o.rank} adapter, ${o.steps} steps, batch ${o.batch}, lr ${o.lr}, ${clean.count} pre-training images`);
  const r = await trainAdaptationStage(base, clean, shifted, {
    ...o, checkpoint: join(CKPT_DIR, `${name}.resume`), every: o.checkpointEvery, config: cfg, log: (m) => log(`  stage ${m}`),
  });
  const meta = { seconds: r.seconds.toFixed(1), cpuSeconds: r.cpuSeconds.toFixed(1), steps: String(o.steps), rank: String(o.rank), loss: r.loss.toFixed(6) };
  save('stage-adapter.safetensors', r.enc, meta);
  const merged = mergeAdapter(base, r.enc);
  save(name, merged, meta);
  log(`stage done: loss ${r.loss.toFixed(5)}, ${r.cpuSeconds.toFixed(1)} CPU-s`);
  return merged;
}

async function finetune(init: WeightSet, head: WeightSet, family: FamilyName, seed: number, ti: number) {
  const t = TASKS[ti], name = `ft-${family}-s${seed}-${t.name}.safetensors`;
  if (load(name)) return;
  const o = T.finetune;
  log(`finetune ${family} seed ${seed} ${t.name}: ${o.steps} steps, batch ${o.batch}, lr ${o.lr}`);
  const r = await finetuneFrozenHead(init, head, loadSet(family, t.name, 'train'), {
    steps: o.steps, batch: o.batch, lr: o.lr, warmup: o.warmup, seed: 1 + 1000 * seed + ti, classes: t.classes.length,
    checkpoint: join(CKPT_DIR, `${name}.resume`), every: o.checkpointEvery, config: cfg,
    log: (m) => log(`  ${family}/s${seed}/${t.name} ${m}`),
  });
  // Accuracies come from npm run eval:merge (onnxruntime, ~30x faster than tfjs inference here).
  save(name, r.enc, { seconds: r.seconds.toFixed(1), cpuSeconds: r.cpuSeconds.toFixed(1), steps: String(o.steps), loss: r.loss.toFixed(4) });
  log(`finetune ${family} seed ${seed} ${t.name} done: loss ${r.loss.toFixed(3)}, ${r.seconds.toFixed(1)} s wall, ${r.cpuSeconds.toFixed(1)} CPU-s`);
}

async function main() {
  await tf.setBackend('wasm');
  if (!existsSync(join(CKPT_DIR, 'base.safetensors'))) copyFileSync('public/models/merge/base.safetensors', join(CKPT_DIR, 'base.safetensors'));
  const base = load('base.safetensors')!;
  log(`start: backend ${tf.getBackend()}, families ${DATA_RECIPE.families.join(', ')}, order ${T.order.map(([f, s]) => `${f}/s${s}`).join(', ')}`);
  const h = await heads(base);
  if (process.argv.includes('--only-heads')) return;
  const start = { planted: T.order.some(([f]) => f === 'planted') ? await stage(base) : base, sibling: base };
  if (process.argv.includes('--only-stage')) return;
  // Seed 0 of both families first, then the planted family's other seeds, then the sibling's: if time runs out,
  // the primary comparison (planted family) has its seeds and the sibling has at least one.
  for (const [family, seed] of T.order) for (const [i, t] of TASKS.entries()) if (!only || only.includes(t.name)) await finetune(start[family], h[t.name], family, seed, i);
  log('all fine-tunes done');
}

main().catch((e) => {
  log(`error: ${(e as Error).stack}`);
  process.exit(1);
});
