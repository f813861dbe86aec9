/** Node training loop of the style denoiser: flow-matching MSE, Adam with warmup + cosine, resumable. */
import * as tf from '@tensorflow/tfjs';
import { IMAGE_FLOATS, type StyleImageSet } from '../../lib/demos/style/dataset/dataset';
import { type DitConfig, ditForward, ditToTf } from '../../lib/models/tiny-dit';
import type { Tensor, WeightSet } from '../../lib/tensors/weight-set';
import { gaussian, mulberry32 } from '../../lib/util/random';

export interface DitLoopOptions {
  steps: number;
  batch: number;
  lr: number;
  warmup: number;
  seed: number;
  labelDropout: number;
  startStep?: number;
  /** Adam state saved with a checkpoint (see optimizerState), restored before the first step. */
  optimizer?: WeightSet;
  /** Stops early (returning the step reached) once this wall time is spent. */
  deadlineMs?: number;
  /** Stops before this step (a chunk of a longer run), saving a checkpoint to resume from. */
  stopAt?: number;
  onProgress?: (step: number, loss: number, stepsPerSec: number) => void;
  checkpoint?: { every: number; save: (step: number, ws: WeightSet, optimizer: WeightSet) => void };
}

const lrAt = (step: number, o: DitLoopOptions) =>
  step < o.warmup ? (o.lr * (step + 1)) / o.warmup : o.lr * (0.1 + 0.45 * (1 + Math.cos((Math.PI * (step - o.warmup)) / Math.max(1, o.steps - o.warmup))));

/**
 * Adam's step count and moments as a WeightSet ("iter", "m/<param>", "v/<param>"). tfjs matches
 * moments to variables by position, so they are written and read in the parameter order.
 */
async function optimizerState(opt: tf.AdamOptimizer, names: string[]): Promise<WeightSet> {
  const w = await opt.getWeights(), n = names.length, tensors: Record<string, Tensor> = {};
  tensors.iter = { shape: [1], data: Float32Array.from(await w[0].tensor.data()) };
  for (let i = 0; i < n; i++) {
    tensors[`m/${names[i]}`] = { shape: [...w[1 + i].tensor.shape], data: new Float32Array(await w[1 + i].tensor.data()) };
    tensors[`v/${names[i]}`] = { shape: [...w[1 + n + i].tensor.shape], data: new Float32Array(await w[1 + n + i].tensor.data()) };
  }
  return { tensors };
}

async function restoreOptimizer(opt: tf.AdamOptimizer, names: string[], state: WeightSet): Promise<void> {
  const t = (name: string) => tf.tensor(state.tensors[name].data, state.tensors[name].shape);
  await opt.setWeights([
    { name: 'iter', tensor: tf.scalar(state.tensors.iter.data[0], 'int32') },
    ...names.map((n) => ({ name: n, tensor: t(`m/${n}`) })),
    ...names.map((n) => ({ name: n, tensor: t(`v/${n}`) })),
  ]);
}

async function snapshot(vars: Record<string, tf.Variable>): Promise<WeightSet> {
  const tensors: Record<string, Tensor> = {};
  for (const [k, v] of Object.entries(vars)) tensors[k] = { shape: [...v.shape], data: new Float32Array(await v.data()) };
  return { tensors };
}

export async function trainDit(init: WeightSet, data: StyleImageSet, c: DitConfig, o: DitLoopOptions): Promise<{ ws: WeightSet; loss: number; step: number }> {
  const vars = Object.fromEntries(Object.entries(ditToTf(init)).map(([k, t]) => [k, tf.variable(t, true)])) as Record<string, tf.Variable>;
  const opt = tf.train.adam(o.lr), names = Object.keys(vars);
  if (o.optimizer) await restoreOptimizer(opt, names, o.optimizer);
  const rng = mulberry32(o.seed + 7919 * (o.startStep ?? 0)), g = gaussian(rng);
  const B = o.batch, D = IMAGE_FLOATS;
  let ema = NaN, step = o.startStep ?? 0, tick = Date.now(), ticks = 0;
  for (; step < o.steps; step++) {
    if (o.stopAt !== undefined && step >= o.stopAt) {
      if (step > (o.startStep ?? 0)) o.checkpoint?.save(step, await snapshot(vars), await optimizerState(opt, names));
      break;
    }
    if (o.deadlineMs && Date.now() > o.deadlineMs) break;
    (opt as unknown as { learningRate: number }).learningRate = lrAt(step, o);
    const xt = new Float32Array(B * D), target = new Float32Array(B * D), ts = new Float32Array(B), labels = new Int32Array(B);
    for (let r = 0; r < B; r++) {
      const j = Math.floor(rng() * data.count), t = rng();
      ts[r] = t;
      labels[r] = rng() < o.labelDropout ? c.classes : data.labels[j];
      for (let i = 0; i < D; i++) {
        const x1 = data.images[j * D + i] / 127.5 - 1, x0 = g();
        xt[r * D + i] = t * x1 + (1 - t) * x0;
        target[r * D + i] = x1 - x0;
      }
    }
    const x = tf.tensor2d(xt, [B, D]), y = tf.tensor2d(target, [B, D]), t = tf.tensor1d(ts);
    const lab = tf.tensor1d(labels, 'int32'), onehot = tf.oneHot(lab, c.classes + 1).toFloat();
    const loss = opt.minimize(() => tf.mean(tf.square(tf.sub(ditForward(vars, x, t, onehot, c), y))) as tf.Scalar, true, Object.values(vars))!;
    const l = (await loss.data())[0];
    tf.dispose([x, y, t, lab, onehot, loss]);
    ema = Number.isNaN(ema) ? l : 0.98 * ema + 0.02 * l;
    ticks++;
    if ((step + 1) % 50 === 0) {
      o.onProgress?.(step + 1, ema, (ticks * 1000) / (Date.now() - tick));
      tick = Date.now();
      ticks = 0;
    }
    if (o.checkpoint && (step + 1) % o.checkpoint.every === 0 && step + 1 < o.steps && step + 1 !== o.stopAt) o.checkpoint.save(step + 1, await snapshot(vars), await optimizerState(opt, names));
  }
  const ws = await snapshot(vars);
  tf.dispose(Object.values(vars));
  opt.dispose();
  return { ws, loss: ema, step };
}
