/** Node helpers for the merge fine-tunes: image batches, pooled features, accuracy. */
import * as tf from '@tensorflow/tfjs';
import { type ImageSet, PIXELS } from '../../lib/datasets/merge/dataset';
import { classify, DEFAULT_VIT, encode, toTf, type VitConfig } from '../../lib/models/vit';
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
