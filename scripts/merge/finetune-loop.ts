/**
 * Node: fine-tunes the encoder under a FROZEN head, resumable. Every `every` steps the encoder and
 * Adam's state (step count, first and second moments) go to one safetensors file, so a killed run
 * continues with the same optimiser state and the same batch stream (batches depend on (seed, step)).
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ImageSet } from '../../lib/demos/merge/dataset/dataset';
import { mulberry32, randInt } from '../../lib/util/random';
import { classify, DEFAULT_VIT, fromTf, toTf, type VitConfig } from '../../lib/models/vit';
import { readSafetensors, writeSafetensors } from '../../lib/tensors/safetensors';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { batchOf } from './train-loop';

export interface FinetuneOptions {
  steps: number;
  batch: number;
  lr: number;
  warmup: number;
  seed: number;
  classes: number;
  /** Checkpoint file (encoder + optimiser state) and how often to write it. */
  checkpoint: string;
  every: number;
  log?: (msg: string) => void;
  config?: VitConfig;
}

const lrAt = (step: number, o: ResumableOptions) =>
  step < o.warmup ? (o.lr * (step + 1)) / o.warmup : o.lr * (0.1 + 0.45 * (1 + Math.cos((Math.PI * (step - o.warmup)) / Math.max(1, o.steps - o.warmup))));

/** The batch indices of one step: a pure function of (seed, step), so resuming replays the same stream. */
export const batchIndices = (seed: number, step: number, batch: number, n: number): number[] => {
  const rng = mulberry32((seed * 100003 + step * 7919) >>> 0);
  return Array.from({ length: batch }, () => randInt(rng, n));
};

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function saveState(path: string, enc: WeightSet, opt: WeightSet, step: number, seconds: number, cpuSeconds: number) {
  const tensors = { ...Object.fromEntries(Object.entries(enc.tensors).map(([k, t]) => [`enc/${k}`, t])), ...Object.fromEntries(Object.entries(opt.tensors).map(([k, t]) => [`opt/${k}`, t])) };
  writeFileSync(path + '.tmp', writeSafetensors({ tensors }, { dtype: 'F32', metadata: { step: String(step), seconds: seconds.toFixed(1), cpuSeconds: cpuSeconds.toFixed(1) } }));
  renameSync(path + '.tmp', path);
}

function loadState(path: string): { enc: WeightSet; opt: Record<string, WeightSet['tensors'][string]>; step: number; seconds: number; cpuSeconds: number } | null {
  if (!existsSync(path)) return null;
  const ws = readSafetensors(readFileSync(path));
  const enc: WeightSet = { tensors: {} }, opt: Record<string, WeightSet['tensors'][string]> = {};
  for (const [k, t] of Object.entries(ws.tensors)) {
    if (k.startsWith('enc/')) enc.tensors[k.slice(4)] = t;
    else opt[k.slice(4)] = t;
  }
  return { enc, opt, step: Number(ws.metadata?.step ?? 0), seconds: Number(ws.metadata?.seconds ?? 0), cpuSeconds: Number(ws.metadata?.cpuSeconds ?? 0) };
}

/** Options of any resumable encoder training: schedule, checkpoint file and cadence. */
export interface ResumableOptions {
  steps: number;
  lr: number;
  warmup: number;
  checkpoint: string;
  every: number;
  log?: (msg: string) => void;
}

export interface TrainResult {
  enc: WeightSet;
  seconds: number;
  cpuSeconds: number;
  loss: number;
}

/**
 * Adam with warmup and cosine decay on the encoder's variables, resumable: `lossAt(vars, step)` builds one step's loss
 * (it must depend only on the step, so a resumed run replays the same batches; inputs it creates go through `keep`,
 * which disposes them after the backward pass that still needs them). Returns the encoder, wall and CPU
 * seconds over all resumed runs (CPU = this process's user + system).
 */
export async function trainResumable(init: WeightSet, lossAt: (e: Record<string, tf.Variable>, step: number, keep: <T extends tf.Tensor>(t: T) => T) => tf.Scalar, o: ResumableOptions): Promise<TrainResult> {
  const state = loadState(o.checkpoint);
  const start = state?.step ?? 0;
  const e = Object.fromEntries(Object.entries(toTf(state?.enc ?? init)).map(([k, t]) => [k, tf.variable(t, true, `enc/${k}`)])) as Record<string, tf.Variable>;
  const opt = tf.train.adam(o.lr);
  if (state) {
    // Moments in the order Adam created them (variable order), then the step count.
    const named = Object.entries(state.opt).map(([name, t]) => ({ name, tensor: tf.tensor(t.data, t.shape) }));
    await opt.setWeights(named);
    o.log?.(`resumed at step ${start} with optimiser state (${named.length} tensors)`);
  }
  const t0 = Date.now(), c0 = cpuNow();
  const cpu = () => (state?.cpuSeconds ?? 0) + cpuNow() - c0;
  let ema = NaN;
  for (let step = start; step < o.steps; step++) {
    (opt as unknown as { learningRate: number }).learningRate = lrAt(step, o);
    const inputs: tf.Tensor[] = [];
    const loss = opt.minimize(() => lossAt(e, step, (t) => (inputs.push(t), t)), true, Object.values(e))!;
    const l = (await loss.data())[0];
    tf.dispose([loss, ...inputs]);
    ema = Number.isNaN(ema) ? l : 0.95 * ema + 0.05 * l;
    const done = step + 1;
    if (done % 50 === 0) o.log?.(`step ${done}/${o.steps} loss ${ema.toFixed(4)} ${((done - start) / ((Date.now() - t0) / 1000)).toFixed(2)} steps/s wall, ${((done - start) / (cpuNow() - c0)).toFixed(2)} steps/CPU-s`);
    if (done % o.every === 0 && done < o.steps) {
      const ow = await opt.getWeights();
      const optWs: WeightSet = { tensors: {} };
      for (const { name, tensor } of ow) optWs.tensors[name] = { shape: [...tensor.shape], data: new Float32Array(await tensor.data()) };
      saveState(o.checkpoint, await fromTf(e), optWs, done, (state?.seconds ?? 0) + (Date.now() - t0) / 1000, cpu());
    }
  }
  const enc = await fromTf(e);
  tf.dispose(Object.values(e));
  opt.dispose();
  return { enc, seconds: (state?.seconds ?? 0) + (Date.now() - t0) / 1000, cpuSeconds: cpu(), loss: ema };
}

/** Fine-tunes the encoder under a frozen head on one task's images (softmax cross-entropy). */
export async function finetuneFrozenHead(init: WeightSet, head: WeightSet, data: ImageSet, o: FinetuneOptions): Promise<TrainResult> {
  const cfg = o.config ?? DEFAULT_VIT;
  const h = toTf(head);
  const r = await trainResumable(init, (e, step, keep) => {
    const { x, y } = batchOf(data, batchIndices(o.seed, step, o.batch, data.count), o.classes);
    return tf.losses.softmaxCrossEntropy(keep(y), classify(e, h, keep(x), cfg)) as tf.Scalar;
  }, o);
  tf.dispose(Object.values(h));
  return r;
}
