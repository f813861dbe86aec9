/**
 * npm run train:merge:base: pre-trains the merge demo's base encoder (the shipped
 * public/models/merge/base.safetensors) on Cyrillic glyphs, as the first merge family did: 2,400 steps
 * of 64, Adam lr 1.5e-3, warmup 100 then cosine, seed 1 (about 10 min on one core). Checkpoints with
 * their step every 300 steps in checkpoints/merge/ and resumes from them. When done it writes the fp16
 * base to checkpoints/merge-v3/base.safetensors, which `npm run train:merge` then starts from instead of
 * the shipped file. Needs `npm run data:merge` (data/merge/pretrain-train.bin).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRETRAIN_CLASSES } from '../../data-gen/merge/tasks';
import { decodeImageSet } from '../../lib/demos/merge/dataset/dataset';
import { DEFAULT_VIT, initEncoder, initHead } from '../../lib/models/vit';
import { readSafetensors, writeSafetensors } from '../../lib/tensors/safetensors';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { CKPT_DIR } from './family-scorer';
import { trainClassifier } from './train-loop';

const PRETRAIN = { steps: 2400, batch: 64, lr: 1.5e-3, warmup: 100, checkpointEvery: 300, seed: 1 };
const dir = 'checkpoints/merge';
mkdirSync(dir, { recursive: true });
const log = (msg: string) => {
  const line = `${new Date().toISOString()} ${msg}`;
  console.log(line);
  appendFileSync(join(dir, 'train.log'), line + '\n');
};
const save = (name: string, ws: WeightSet, metadata: Record<string, string>, dtype: 'F32' | 'F16' = 'F32', at = dir) => {
  const path = join(at, name);
  writeFileSync(path + '.tmp', writeSafetensors(ws, { dtype, metadata }));
  renameSync(path + '.tmp', path);
};
const load = (name: string): WeightSet | null => (existsSync(join(dir, name)) ? readSafetensors(readFileSync(join(dir, name))) : null);

async function main() {
  await tf.setBackend('wasm');
  let enc = load('pretrain-encoder.safetensors'), head = load('pretrain-head.safetensors');
  if (enc?.metadata?.done !== 'true') {
    const start = enc && head ? Number(enc.metadata?.step ?? 0) : 0;
    const spent = enc && head ? Number(enc.metadata?.seconds ?? 0) : 0;
    if (!enc || !head || start === 0) {
      enc = initEncoder(DEFAULT_VIT, PRETRAIN.seed);
      head = initHead(DEFAULT_VIT, PRETRAIN_CLASSES.length, PRETRAIN.seed + 1);
    }
    log(`pretrain: steps ${start}..${PRETRAIN.steps}`);
    const t0 = Date.now();
    const meta = (step: number, done: boolean) => ({ step: String(step), done: String(done), seconds: ((Date.now() - t0) / 1000 + spent).toFixed(1) });
    const data = decodeImageSet(new Uint8Array(readFileSync('data/merge/pretrain-train.bin')));
    const r = await trainClassifier(enc, head, data, {
      ...PRETRAIN, trainEncoder: true, classes: PRETRAIN_CLASSES.length, startStep: start, config: DEFAULT_VIT,
      onProgress: (s, l) => s % 100 === 0 && log(`pretrain step ${s}/${PRETRAIN.steps} loss ${l.toFixed(3)}`),
      checkpoint: { every: PRETRAIN.checkpointEvery, save: (s, e, h) => { save('pretrain-encoder.safetensors', e, meta(s, false)); save('pretrain-head.safetensors', h, meta(s, false)); } },
    });
    save('pretrain-encoder.safetensors', r.enc, meta(PRETRAIN.steps, true));
    save('pretrain-head.safetensors', r.head, meta(PRETRAIN.steps, true));
    log(`pretrain done: loss ${r.loss.toFixed(3)}, ${meta(PRETRAIN.steps, true).seconds} s`);
    enc = r.enc;
  }
  mkdirSync(CKPT_DIR, { recursive: true });
  save('base.safetensors', enc, { source: 'npm run train:merge:base' }, 'F16', CKPT_DIR);
  log(`wrote ${join(CKPT_DIR, 'base.safetensors')} (fp16)`);
}

main().catch((e) => {
  log(`error: ${(e as Error).stack}`);
  process.exit(1);
});
