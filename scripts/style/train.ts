/**
 * npm run train:style [-- --quick] [-- --no-ship] [-- --family planted|sibling] [-- --style S] [-- --chunk N] [-- --out DIR]
 * Renders the data if missing, trains the base denoiser on plain icons (or reuses the shipped base),
 * fine-tunes one copy per style and family (planted: with the house change; sibling: without),
 * then ships fp16 safetensors + manifest to public/models/style/.
 * Every stage checkpoints (weights and Adam state) to checkpoints/style/ and is skipped when done,
 * so a killed run resumes where it stopped. Two processes with different --family can run side by side.
 * --chunk N stops after N training steps (checkpointed), so a shared CPU slot is held only briefly.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeSet, type StyleImageSet } from '../../lib/demos/style/dataset/dataset';
import { STYLE_FAMILIES, STYLE_NAMES, type StyleFamilyName, type StyleName } from '../../lib/demos/style/dataset/styles';
import { DEFAULT_DIT, initDit } from '../../lib/models/tiny-dit';
import { readSafetensors, writeSafetensors } from '../../lib/tensors/safetensors';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { makeStyleData } from './make-data';
import { shipStyleModels } from './ship-models';
import { finetuneFile, HOUSE_FILE, STYLE_TRAIN } from './train-config';
import { trainDit } from './train-loop';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const quick = process.argv.includes('--quick');
const ship = !process.argv.includes('--no-ship');
/** Training steps left for this process (--chunk N); unlimited without the flag. */
let budget = Number(arg('--chunk') ?? Infinity);
const families = (arg('--family') ? [arg('--family')] : STYLE_FAMILIES) as StyleFamilyName[];
/** --style S: only this style's fine-tunes (two styles of a family can then train side by side). */
const only = arg('--style') as StyleName | undefined;
const ckptDir = quick ? 'tmp/style-quick/checkpoints' : 'checkpoints/style';
/** --out DIR ships to DIR instead (a candidate family measured before it replaces the shipped one); the shipped base is adopted from public/models/style. */
const shippedDir = 'public/models/style';
const outDir = quick ? 'tmp/style-quick/models' : (arg('--out') ?? shippedDir);
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

/**
 * The shipped base is kept when no base checkpoint exists (retraining it costs ~30 min of a core):
 * its weights are fp16 already, and its provenance comes from the manifest it was shipped with.
 */
function adoptShippedBase(): WeightSet | null {
  const file = join(shippedDir, 'base.safetensors'), manifest = join(shippedDir, 'manifest.json');
  if (quick || !existsSync(file) || !existsSync(manifest)) return null;
  const tr = (JSON.parse(readFileSync(manifest, 'utf8')) as { training: { baseStepsReached: number; baseLoss: number; seconds: { base: number } } }).training;
  const ws = readSafetensors(readFileSync(file));
  save('base.safetensors', ws, { done: 'true', step: String(tr.baseStepsReached), stepsReached: String(tr.baseStepsReached), loss: String(tr.baseLoss), seconds: String(tr.seconds.base), adopted: 'shipped fp16 base' });
  log(`base: reusing the shipped base (${tr.baseStepsReached} steps, loss ${tr.baseLoss})`);
  return load('base.safetensors');
}

async function trainBase(): Promise<WeightSet> {
  const o = STYLE_TRAIN.base, steps = scale(o.steps);
  const have = load('base.safetensors');
  if (have?.metadata?.done === 'true') return have;
  if (!have) {
    const adopted = adoptShippedBase();
    if (adopted) return adopted;
  }
  const start = Number(have?.metadata?.step ?? 0), spent = Number(have?.metadata?.seconds ?? 0);
  log(`base: steps ${start}..${steps}`);
  const t0 = Date.now();
  const meta = (step: number, done: boolean) => ({ step: String(step), done: String(done), seconds: ((Date.now() - t0) / 1000 + spent).toFixed(1) });
  const r = await trainDit(have ?? initDit(cfg, STYLE_TRAIN.seed), loadSet('base-train'), cfg, {
    steps, batch: o.batch, lr: o.lr, warmup: scale(o.warmup), seed: STYLE_TRAIN.seed, labelDropout: STYLE_TRAIN.labelDropout, startStep: start,
    optimizer: load('base.opt.safetensors') ?? undefined,
    // The wall-time cap keeps the one-off base within its budget on a shared machine; the step reached is recorded.
    deadlineMs: t0 + (o.maxMinutes * 60 - spent) * 1000,
    onProgress: (s, l, sps) => s % 100 === 0 && log(`base step ${s}/${steps} loss ${l.toFixed(4)} ${sps.toFixed(2)} steps/s`),
    checkpoint: { every: scale(o.checkpointEvery), save: (s, ws, opt) => (save('base.opt.safetensors', opt, {}), save('base.safetensors', ws, meta(s, false))) },
  });
  save('base.safetensors', r.ws, { ...meta(r.step, true), stepsReached: String(r.step), loss: r.loss.toFixed(4) });
  log(`base done at step ${r.step}: loss ${r.loss.toFixed(4)}, ${meta(r.step, true).seconds} s`);
  return load('base.safetensors')!;
}

/** Trains one stage of one fine-tune from `init` (stage 0: the planted family's house fine-tune); returns false when the step budget ran out first. */
async function finetune(init: WeightSet, family: StyleFamilyName, style: StyleName | 'house', i: number, stage: 0 | 1 | 2): Promise<boolean> {
  const name = style === 'house' ? HOUSE_FILE : finetuneFile(family, style, stage as 1 | 2), partial = `${name}.partial`, optName = `${name}.opt`;
  if (load(name)) return true;
  if (budget <= 0) return false;
  const o = stage === 0 ? STYLE_TRAIN.house : stage === 1 ? STYLE_TRAIN.finetune : STYLE_TRAIN.extend, steps = scale(o.steps), t0 = Date.now();
  const have = load(partial), start = Number(have?.metadata?.step ?? 0), spent = Number(have?.metadata?.seconds ?? 0);
  const seconds = () => ((Date.now() - t0) / 1000 + spent).toFixed(1);
  const stopAt = Math.min(steps, start + budget);
  log(`finetune ${family}/${style} stage ${stage}: steps ${start}..${stopAt} of ${steps}`);
  const r = await trainDit(have ?? init, loadSet(`${family}/${style}-train`), cfg, {
    // The same seed for a style in both families: the runs differ only by the house change in the data.
    steps, batch: o.batch, lr: o.lr, warmup: scale(o.warmup), seed: STYLE_TRAIN.seed + 100 * stage + i, labelDropout: STYLE_TRAIN.labelDropout, startStep: start, stopAt,
    optimizer: have ? (load(optName) ?? undefined) : undefined,
    onProgress: (s, l, sps) => s % 40 === 0 && log(`finetune ${family}/${style} stage ${stage} step ${s}/${steps} loss ${l.toFixed(4)} ${sps.toFixed(2)} steps/s`),
    checkpoint: { every: scale(o.checkpointEvery), save: (s, ws, opt) => (save(optName, opt, {}), save(partial, ws, { step: String(s), seconds: seconds() })) },
  });
  budget -= r.step - start;
  if (r.step < steps) return false;
  const before = Number(init.metadata?.steps ?? 0), total = (stage === 2 ? before : 0) + steps;
  const priorSeconds = stage === 2 ? Number(init.metadata?.seconds ?? 0) : 0;
  save(name, r.ws, { seconds: (Number(seconds()) + priorSeconds).toFixed(1), loss: r.loss.toFixed(4), steps: String(total), stageSteps: String(steps), family, style });
  log(`finetune ${family}/${style} stage ${stage} done: loss ${r.loss.toFixed(4)}, ${seconds()} s, ${total} steps in all`);
  return true;
}

async function main() {
  await tf.setBackend('wasm');
  log(`start${quick ? ' (quick)' : ''}: backend ${tf.getBackend()}, families ${families.join(', ')}`);
  if (!existsSync(join(dataDir, 'index.json'))) makeStyleData(dataDir);
  const base = await trainBase();
  for (const family of families) {
    // v3: planted styles start from the house fine-tune (STYLE_TRAIN.house); sibling styles from the base.
    if (family === 'planted' && !(await finetune(base, family, 'house', 50, 0))) continue;
    const start = family === 'planted' ? load(HOUSE_FILE)! : base;
    for (const [i, s] of (only ? [[STYLE_NAMES.indexOf(only), only] as const] : STYLE_NAMES.entries())) {
      if (!(await finetune(start, family, s, i, 1))) continue;
      await finetune(load(finetuneFile(family, s, 1))!, family, s, i, 2);
    }
  }
  const all = STYLE_FAMILIES.every((f) => STYLE_NAMES.every((s) => load(finetuneFile(f, s))));
  if (ship && all) await shipStyleModels({ ckptDir, outDir, dataDir, log, quick, load: (n) => load(n)!, config: cfg });
  else if (ship) log('not shipping yet: a fine-tune of the other family is missing');
  log('all done');
}

main().catch((e) => {
  log(`error: ${(e as Error).stack}`);
  process.exit(1);
});
