/**
 * Zero-shot-like heads for the merge miniature: a nearest-class-mean classifier on a few labelled
 * images per class through the BASE encoder, written as a linear head so it is frozen while the
 * encoder is fine-tuned (a task vector is then an encoder change aimed at a fixed head, as with
 * CLIP's text heads). argmin_k ||f - p_k||^2 = argmax_k (p_k . f - ||p_k||^2 / 2); the scale only
 * sets how peaked the softmax is for training, never the prediction.
 */
import type { WeightSet } from '../../tensors/weight-set';

/** Per-class mean of feature rows (N, C) -> (K, C). */
export function classMeans(features: Float32Array, labels: ArrayLike<number>, classes: number): Float32Array {
  const n = labels.length, C = features.length / n;
  const sums = new Float64Array(classes * C), counts = new Float64Array(classes);
  for (let i = 0; i < n; i++) {
    const k = labels[i];
    counts[k]++;
    for (let c = 0; c < C; c++) sums[k * C + c] += features[i * C + c];
  }
  for (let k = 0; k < classes; k++) if (counts[k] === 0) throw new Error(`class ${k} has no labelled image`);
  return Float32Array.from(sums, (v, j) => v / counts[Math.floor(j / C)]);
}

/**
 * head.weight = s * p_k, head.bias = -s * ||p_k||^2 / 2, with s chosen so the mean gap between two
 * classes' logits at their own prototypes is `margin` (mean pairwise ||p_a - p_b||^2 = 2 * margin / s).
 */
export function prototypeHead(prototypes: Float32Array, classes: number, margin = 4): WeightSet {
  const C = prototypes.length / classes;
  let pair = 0, pairs = 0;
  for (let a = 0; a < classes; a++) for (let b = a + 1; b < classes; b++) {
    let d = 0;
    for (let c = 0; c < C; c++) d += (prototypes[a * C + c] - prototypes[b * C + c]) ** 2;
    pair += d;
    pairs++;
  }
  const s = pairs && pair > 0 ? (2 * margin) / (pair / pairs) : 1;
  const weight = Float32Array.from(prototypes, (v) => s * v);
  const bias = new Float32Array(classes);
  for (let k = 0; k < classes; k++) {
    let n2 = 0;
    for (let c = 0; c < C; c++) n2 += prototypes[k * C + c] ** 2;
    bias[k] = -0.5 * s * n2;
  }
  return { tensors: { 'head.weight': { shape: [classes, C], data: weight }, 'head.bias': { shape: [classes], data: bias } }, metadata: { scale: String(s) } };
}
