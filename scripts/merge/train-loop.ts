/** Node helpers for merge training: image batches, the classifier loop (base pre-training), pooled features, accuracy. */
import * as tf from '@tensorflow/tfjs';
import { type ImageSet, PIXELS } from '../../lib/demos/merge/dataset/dataset';
import { classify, DEFAULT_VIT, encode, fromTf, toTf, type VitConfig } from '../../lib/models/vit';
import { mulberry32, randInt } from '../../lib/util/random';
import type { WeightSet } from '../../lib/tensors/weight-set';

export function imagesOf(set: ImageSet, idx: number[]): tf.Tensor2D {
  const x = new Float32Array(idx.length * PIXELS);
  idx.forEach((j, r) => {
    for (let p = 0; p < PIXELS; p++) x[r * PIXELS + p] = set.images[j * PIXELS + p] / 255;
  });
  return tf.tensor2d(x, [idx.length, PIXELS]);
}

export function batchOf(set: ImageSet, idx: number[], classes: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const labels = tf.tensor1d(idx.map((j) => set.labels[j]), 'int32');
  const y = tf.oneHot(labels, classes) as tf.Tensor2D;
  labels.dispose();
  return { x: imagesOf(set, idx), y };
}

export interface LoopOptions {
  steps: number;
  batch: number;
  lr: number;
  warmup: number;
  seed: number;
  trainEncoder: boolean;
  classes: number;
  /** Step to start from (resume); the schedule continues where it stopped. */
  startStep?: number;
  onProgress?: (step: number, loss: number) => void;
  /** Called every `every` steps with the current weights, for checkpoints. */
  checkpoint?: { every: number; save: (step: number, enc: WeightSet, head: WeightSet) => Promise<void> | void };
  config?: VitConfig;
}

const lrAt = (step: number, o: LoopOptions) =>
  step < o.warmup ? (o.lr * (step + 1)) / o.warmup : o.lr * (0.1 + 0.45 * (1 + Math.cos((Math.PI * (step - o.warmup)) / Math.max(1, o.steps - o.warmup))));

/** Minibatch Adam with warmup and cosine decay on softmax cross-entropy (the base's pre-training). */
export async function trainClassifier(enc: WeightSet, head: WeightSet, data: ImageSet, o: LoopOptions): Promise<{ enc: WeightSet; head: WeightSet; loss: number }> {
  const cfg = o.config ?? DEFAULT_VIT;
  const e = Object.fromEntries(Object.entries(toTf(enc)).map(([k, t]) => [k, tf.variable(t, o.trainEncoder)])) as Record<string, tf.Variable>;
  const h = Object.fromEntries(Object.entries(toTf(head)).map(([k, t]) => [k, tf.variable(t, true)])) as Record<string, tf.Variable>;
  const vars = [...(o.trainEncoder ? Object.values(e) : []), ...Object.values(h)];
  const opt = tf.train.adam(o.lr);
  const rng = mulberry32(o.seed + 7919 * (o.startStep ?? 0));
  let ema = NaN;
  for (let step = o.startStep ?? 0; step < o.steps; step++) {
    (opt as unknown as { learningRate: number }).learningRate = lrAt(step, o);
    const idx = Array.from({ length: o.batch }, () => randInt(rng, data.count));
    const { x, y } = batchOf(data, idx, o.classes);
    const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(y, classify(e, h, x, cfg)) as tf.Scalar, true, vars)!;
    const l = (await loss.data())[0];
    tf.dispose([x, y, loss]);
    ema = Number.isNaN(ema) ? l : 0.98 * ema + 0.02 * l;
    if ((step + 1) % 50 === 0) o.onProgress?.(step + 1, ema);
    if (o.checkpoint && (step + 1) % o.checkpoint.every === 0 && step + 1 < o.steps) {
      await o.checkpoint.save(step + 1, await fromTf(e), await fromTf(h));
    }
  }
  const out = { enc: await fromTf(e), head: await fromTf(h), loss: ema };
  tf.dispose([...Object.values(e), ...Object.values(h)]);
  opt.dispose();
  return out;
}

/** Pooled encoder features (N, C) for a whole set, in batches. */
export async function features(enc: WeightSet, set: ImageSet, cfg: VitConfig = DEFAULT_VIT): Promise<Float32Array> {
  const p = toTf(enc);
  const out = new Float32Array(set.count * cfg.width);
  for (let s = 0; s < set.count; s += 256) {
    const idx = Array.from({ length: Math.min(256, set.count - s) }, (_, i) => s + i);
    const f = tf.tidy(() => encode(p, imagesOf(set, idx), cfg));
    out.set(await f.data(), s * cfg.width);
    f.dispose();
  }
  tf.dispose(Object.values(p));
  return out;
}

export async function accuracy(enc: WeightSet, head: WeightSet, set: ImageSet, cfg: VitConfig = DEFAULT_VIT): Promise<number> {
  const e = toTf(enc), h = toTf(head);
  let correct = 0;
  for (let s = 0; s < set.count; s += 256) {
    const idx = Array.from({ length: Math.min(256, set.count - s) }, (_, i) => s + i);
    const pred = tf.tidy(() => tf.argMax(classify(e, h, imagesOf(set, idx), cfg), 1));
    const pd = await pred.data();
    pred.dispose();
    idx.forEach((j, r) => (correct += pd[r] === set.labels[j] ? 1 : 0));
  }
  tf.dispose([...Object.values(e), ...Object.values(h)]);
  return correct / set.count;
}
