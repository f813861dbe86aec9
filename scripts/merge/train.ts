/**
 * npm run train:merge:v1 [-- --quick] [-- --variant v2]   (or MERGE_VARIANT=v2): the v1 family and its base encoder
 * Pre-trains the base encoder on Cyrillic glyphs, trains a head on the frozen base per task
 * (the "base + heads" baseline), fine-tunes encoder + head per task (head initialised from the
 * base head), then ships fp16 safetensors and a manifest to public/models/merge/.
 * Every stage checkpoints to checkpoints/merge/ and is skipped when already done, so a killed run resumes.
 * --variant v2 (train-config.ts TRAIN_V2) uses checkpoints/merge-v2/ and writes the models to tmp/merge-v2/models/
 * (copy them to public/models/merge/ to ship them).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeImageSet, type ImageSet } from '../../lib/datasets/merge/dataset';
import { PRETRAIN_CLASSES, TASKS } from '../../data-gen/merge/tasks';
import { DEFAULT_VIT, initEncoder, initHead } from '../../lib/models/vit';
import { readSafetensors, writeSafetensors } from '../../lib/tensors/safetensors';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { trainConfig } from './train-config';
import { features, trainClassifier, trainProbe } from './train-loop';
import { shipModels } from './ship-models';

const quick = process.argv.includes('--quick');
const variant = process.argv.includes('--variant') ? process.argv[process.argv.indexOf('--variant') + 1] : process.env.MERGE_VARIANT;
const TRAIN = trainConfig(variant);
const v2 = TRAIN.variant !== 'v1';
const ckptDir = quick ? `tmp/merge-quick${v2 ? `-${TRAIN.variant}` : ''}/checkpoints` : v2 ? `checkpoints/merge-${TRAIN.variant}` : 'checkpoints/merge';
const outDir = quick ? `tmp/merge-quick${v2 ? `-${TRAIN.variant}` : ''}/models` : v2 ? `tmp/merge-${TRAIN.variant}/models` : 'public/models/merge';
const scale = (n: number) => (quick ? Math.max(2, Math.round(n / 100)) : n);
const cfg = DEFAULT_VIT;
mkdirSync(ckptDir, { recursive: true });

const logFile = join(ckptDir, 'train.log');
const log = (msg: string) => {
  const line = `${new Date().toISOString()} ${msg}`;
  console.log(line);
  appendFileSync(logFile, line + '\n');
};

function save(name: string, ws: WeightSet, metadata: Record<string, string>) {
  const path = join(ckptDir, name);
  writeFileSync(path + '.tmp', writeSafetensors(ws, { dtype: 'F32', metadata }));
  renameSync(path + '.tmp', path);
}
const load = (name: string): WeightSet | null => {
  const path = join(ckptDir, name);
  return existsSync(path) ? readSafetensors(readFileSync(path)) : null;
};
const loadSet = (file: string): ImageSet => decodeImageSet(new Uint8Array(readFileSync(join('data/merge', file))));

async function pretrain(): Promise<WeightSet> {
  const o = TRAIN.pretrain, steps = scale(o.steps);
  let enc = load('pretrain-encoder.safetensors'), head = load('pretrain-head.safetensors');
  const done = enc?.metadata?.done === 'true';
  if (enc && head && done) return enc;
  const start = Number(enc?.metadata?.step ?? 0);
  const spent = Number(enc?.metadata?.seconds ?? 0);
  if (!enc || !head) {
    enc = initEncoder(cfg, TRAIN.seed);
    head = initHead(cfg, PRETRAIN_CLASSES.length, TRAIN.seed + 1);
  }
  log(`pretrain: steps ${start}..${steps}`);
  const t0 = Date.now();
  const data = loadSet('pretrain-train.bin');
  const meta = (step: number, isDone: boolean) => ({ step: String(step), done: String(isDone), seconds: ((Date.now() - t0) / 1000 + spent).toFixed(1) });
  const r = await trainClassifier(enc, head, data, {
    steps, batch: o.batch, lr: o.lr, warmup: scale(o.warmup), seed: TRAIN.seed, trainEncoder: true, classes: PRETRAIN_CLASSES.length, startStep: start, config: cfg,
    onProgress: (s, l) => s % 100 === 0 && log(`pretrain step ${s}/${steps} loss ${l.toFixed(3)}`),
    checkpoint: { every: scale(o.checkpointEvery), save: (s, e, h) => { save('pretrain-encoder.safetensors', e, meta(s, false)); save('pretrain-head.safetensors', h, meta(s, false)); } },
  });
  save('pretrain-encoder.safetensors', r.enc, meta(steps, true));
  save('pretrain-head.safetensors', r.head, meta(steps, true));
  log(`pretrain done: loss ${r.loss.toFixed(3)}, ${meta(steps, true).seconds} s`);
  return load('pretrain-encoder.safetensors')!;
}

async function probe(base: WeightSet, task: (typeof TASKS)[number], i: number): Promise<WeightSet> {
  const name = `probe-${task.name}.safetensors`;
  const have = load(name);
  if (have) return have;
  const t0 = Date.now();
  const train = loadSet(`${task.name}-train.bin`);
  const f = await features(base, train, cfg);
  const head = await trainProbe(f, train.labels, task.classes.length, initHead(cfg, task.classes.length, TRAIN.seed + 100 + i), scale(TRAIN.probe.steps), TRAIN.probe.lr);
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  save(name, head, { seconds });
  log(`probe ${task.name}: ${seconds} s`);
  return head;
}

async function finetune(base: WeightSet, baseHead: WeightSet, task: (typeof TASKS)[number], i: number) {
  const encName = `ft-${task.name}-encoder.safetensors`, headName = `ft-${task.name}-head.safetensors`;
  const e = load(encName), h = load(headName);
  if (e && h) return;
  const o = TRAIN.finetune, steps = scale(o.steps);
  const t0 = Date.now();
  const startHead = o.headInit === 'scratch' ? initHead(cfg, task.classes.length, TRAIN.seed + 200 + i) : baseHead;
  const r = await trainClassifier(base, startHead, loadSet(`${task.name}-train.bin`), {
    steps, batch: o.batch, lr: o.lr, warmup: scale(o.warmup), seed: TRAIN.seed + 1000 + i, trainEncoder: true, classes: task.classes.length, config: cfg,
    onProgress: (s, l) => s % 100 === 0 && log(`finetune ${task.name} step ${s}/${steps} loss ${l.toFixed(3)}`),
  });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  save(headName, r.head, { seconds });
  save(encName, r.enc, { seconds });
  log(`finetune ${task.name} done: loss ${r.loss.toFixed(3)}, ${seconds} s`);
}

async function main() {
  await tf.setBackend('wasm');
  log(`start${quick ? ' (quick)' : ''} variant ${TRAIN.variant}: backend ${tf.getBackend()}`);
  const base = await pretrain();
  const baseHeads = [];
  for (const [i, t] of TASKS.entries()) baseHeads.push(await probe(base, t, i));
  for (const [i, t] of TASKS.entries()) await finetune(base, baseHeads[i], t, i);
  await shipModels({ ckptDir, outDir, log, quick, load: (n) => load(n)!, loadSet, config: cfg, train: TRAIN, steps: { pretrain: scale(TRAIN.pretrain.steps), finetune: scale(TRAIN.finetune.steps), probe: scale(TRAIN.probe.steps) } });
  log('all done');
}

main().catch((e) => {
  log(`error: ${(e as Error).stack}`);
  process.exit(1);
});
