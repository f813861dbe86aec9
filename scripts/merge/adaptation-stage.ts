/**
 * The merge miniature's planted common part (v4): one sensor-adaptation stage every planted fine-tune starts from.
 * The encoder learns, without labels, to see images under the acquisition shift as the base sees the clean ones
 * (mean squared error between pooled features), on the pre-training glyphs, which no task uses. The stage is a
 * low-rank adapter on every weight matrix (W + B A, rank `rank`), merged into the weights: a concentrated change,
 * as a domain adapter is. Every planted task vector then holds the same change (stage minus base) plus its own
 * fine-tune. Tried first: a full-weight stage (400 steps, lr 1e-3): its change spread over many directions, held
 * 14-28% of each task vector's energy, and 8 tasks shared no output direction (docs/merge-models.md).
 */
import * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '../../lib/demos/merge/dataset/dataset';
import { DEFAULT_VIT, encode, toTf, type VitConfig } from '../../lib/models/vit';
import { mulberry32, standardNormal } from '../../lib/util/random';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { batchIndices, type ResumableOptions, type TrainResult, trainResumable } from './finetune-loop';
import { imagesOf } from './train-loop';

export interface StageOptions extends ResumableOptions {
  batch: number;
  seed: number;
  /** Rank of the adapter on each weight matrix. */
  rank: number;
  config?: VitConfig;
}

/** LoRA factors: A (r x d_in) small random, B (d_out x r) zero, so the stage starts at the base. */
function initAdapter(base: WeightSet, rank: number, seed: number): WeightSet {
  const rng = mulberry32(seed);
  const out: WeightSet = { tensors: {} };
  for (const [name, t] of Object.entries(base.tensors)) {
    if (t.shape.length !== 2) continue;
    const [m, n] = t.shape;
    out.tensors[`${name}.lora_A`] = { shape: [rank, n], data: Float32Array.from({ length: rank * n }, () => standardNormal(rng) / Math.sqrt(n)) };
    out.tensors[`${name}.lora_B`] = { shape: [m, rank], data: new Float32Array(m * rank) };
  }
  return out;
}

/** The base with each adapter merged in: W + B A (small matrices: plain loops). */
export function mergeAdapter(base: WeightSet, adapter: WeightSet): WeightSet {
  const out: WeightSet = { tensors: { ...base.tensors } };
  for (const [name, t] of Object.entries(base.tensors)) {
    const A = adapter.tensors[`${name}.lora_A`], B = adapter.tensors[`${name}.lora_B`];
    if (!A || !B) continue;
    const [m, n] = t.shape, r = A.shape[0], data = Float32Array.from(t.data);
    for (let i = 0; i < m; i++) for (let q = 0; q < r; q++) {
      const bq = B.data[i * r + q];
      for (let j = 0; j < n; j++) data[i * n + j] += bq * A.data[q * n + j];
    }
    out.tensors[name] = { shape: t.shape, data };
  }
  return out;
}

/** `clean` and `shifted` hold the same images in the same order. Returns the adapter (merge it with mergeAdapter). */
export async function trainAdaptationStage(base: WeightSet, clean: ImageSet, shifted: ImageSet, o: StageOptions): Promise<TrainResult> {
  const cfg = o.config ?? DEFAULT_VIT;
  const b = toTf(base);
  const r = await trainResumable(initAdapter(base, o.rank, o.seed), (v, step, keep) => {
    const idx = batchIndices(o.seed, step, o.batch, clean.count);
    const target = keep(tf.tidy(() => encode(b, imagesOf(clean, idx), cfg)));
    const w = Object.fromEntries(Object.entries(b).map(([name, t]) => [name, v[`${name}.lora_A`] ? tf.add(t, tf.matMul(v[`${name}.lora_B`], v[`${name}.lora_A`])) : t]));
    return tf.losses.meanSquaredError(target, encode(w, keep(imagesOf(shifted, idx)), cfg)) as tf.Scalar;
  }, o);
  tf.dispose(Object.values(b));
  return r;
}
