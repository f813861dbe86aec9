/**
 * npm run train:style [-- --quick] [-- --no-ship]
 * Renders the data if missing, trains the base denoiser on plain icons, fine-tunes one copy per
 * style on that style's own icons, then ships fp16 safetensors + manifest to public/models/style/.
 * Every stage checkpoints to checkpoints/style/ and is skipped when done, so a killed run resumes.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeSet, type StyleImageSet } from '../../lib/datasets/style/dataset';
import { STYLE_NAMES } from '../../lib/datasets/style/styles';
import { DEFAULT_DIT, initDit } from '../../lib/models/tiny-dit';
import { readSafetensors, writeSafetensors } from '../../lib/tensors/safetensors';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { makeStyleData } from './make-data';
import { shipStyleModels } from './ship-models';
import { STYLE_TRAIN } from './train-config';
import { trainDit } from './train-loop';

const quick = process.argv.includes('--quick');
const ship = !process.argv.includes('--no-ship');
const ckptDir = quick ? 'tmp/style-quick/checkpoints' : 'checkpoints/style';
const outDir = quick ? 'tmp/style-quick/models' : 'public/models/style';
const dataDir = 'data/style';
const scale = (n: number) => (quick ? Math.max(2, Math.round(n / 100)) : n);
const cfg = DEFAULT_DIT;
mkdirSync(ckptDir, { recursive: true });

const log = (msg: string) => {
  const line = `${new Date().toISOString()} ${msg}`;
  console.log(line);
  appendFileSync(join(ckptDir, 'train.log'), line + '\n');
};
function save(name: string, ws: WeightSet, metadata: Record<string, string>) {
  const path = join(ckptDir, name);
  writeFileSync(path + '.tmp', writeSafetensors(ws, { dtype: 'F32', metadata }));
  renameSync(path + '.tmp', path);
}
const load = (name: string): WeightSet | null => (existsSync(join(ckptDir, name)) ? readSafetensors(readFileSync(join(ckptDir, name))) : null);
const loadSet = (name: string): StyleImageSet => decodeSet(new Uint8Array(readFileSync(join(dataDir, `${name}.bin`))));

async function trainBase(): Promise<WeightSet> {
  const o = STYLE_TRAIN.base, steps = scale(o.steps);
  const have = load('base.safetensors');
  if (have?.metadata?.done === 'true') return have;
  const start = Number(have?.metadata?.step ?? 0), spent = Number(have?.metadata?.seconds ?? 0);
  log(`base: steps ${start}..${steps}`);
  const t0 = Date.now();
  const meta = (step: number, done: boolean) => ({ step: String(step), done: String(done), seconds: ((Date.now() - t0) / 1000 + spent).toFixed(1) });
  const r = await trainDit(have ?? initDit(cfg, STYLE_TRAIN.seed), loadSet('base-train'), cfg, {
    steps, batch: o.batch, lr: o.lr, warmup: scale(o.warmup), seed: STYLE_TRAIN.seed, labelDropout: STYLE_TRAIN.labelDropout, startStep: start,
    // The wall-time cap keeps the one-off base within its budget on a shared machine; the step reached is recorded.
    deadlineMs: t0 + (o.maxMinutes * 60 - spent) * 1000,
    onProgress: (s, l, sps) => s % 100 === 0 && log(`base step ${s}/${steps} loss ${l.toFixed(4)} ${sps.toFixed(2)} steps/s`),
    checkpoint: { every: scale(o.checkpointEvery), save: (s, ws) => save('base.safetensors', ws, meta(s, false)) },
  });
  save('base.safetensors', r.ws, { ...meta(r.step, true), stepsReached: String(r.step), loss: r.loss.toFixed(4) });
  log(`base done at step ${r.step}: loss ${r.loss.toFixed(4)}, ${meta(r.step, true).seconds} s`);
  return load('base.safetensors')!;
}

async function finetune(base: WeightSet, style: string, i: number) {
  const name = `ft-${style}.safetensors`;
  if (load(name)) return;
  const o = STYLE_TRAIN.finetune, steps = scale(STYLE_TRAIN.finetuneSteps[style as keyof typeof STYLE_TRAIN.finetuneSteps] ?? o.steps), t0 = Date.now();
  const r = await trainDit(base, loadSet(`${style}-train`), cfg, {
    steps, batch: o.batch, lr: o.lr, warmup: scale(o.warmup), seed: STYLE_TRAIN.seed + 100 + i, labelDropout: STYLE_TRAIN.labelDropout,
    onProgress: (s, l, sps) => s % 100 === 0 && log(`finetune ${style} step ${s}/${steps} loss ${l.toFixed(4)} ${sps.toFixed(2)} steps/s`),
  });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  save(name, r.ws, { seconds, loss: r.loss.toFixed(4), steps: String(steps) });
  log(`finetune ${style} done: loss ${r.loss.toFixed(4)}, ${seconds} s`);
}

async function main() {
  await tf.setBackend('wasm');
  log(`start${quick ? ' (quick)' : ''}: backend ${tf.getBackend()}`);
  if (!existsSync(join(dataDir, 'index.json'))) makeStyleData(dataDir);
  const base = await trainBase();
  for (const [i, s] of STYLE_NAMES.entries()) await finetune(base, s, i);
  if (ship) await shipStyleModels({ ckptDir, outDir, dataDir, log, quick, load: (n) => load(n)!, config: cfg, steps: { base: scale(STYLE_TRAIN.base.steps), finetune: Object.fromEntries(Object.entries(STYLE_TRAIN.finetuneSteps).map(([k, v]) => [k, scale(v)])) } });
  log('all done');
}

main().catch((e) => {
  log(`error: ${(e as Error).stack}`);
  process.exit(1);
});
