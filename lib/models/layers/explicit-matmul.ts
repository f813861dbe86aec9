/**
 * a @ b (2-D or batched) whose gradient transposes explicitly: on the tfjs wasm backend, matMul
 * with transposeA/transposeB is 10-25x slower than transpose-then-matMul. Every model file uses it.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Swaps the last two axes: (..., m, n) -> (..., n, m). */
export const swapLast = (t: tf.Tensor): tf.Tensor => {
  const perm = t.shape.map((_, i) => i);
  [perm[perm.length - 2], perm[perm.length - 1]] = [perm[perm.length - 1], perm[perm.length - 2]];
  return tf.transpose(t, perm);
};

export const matmul = tf.customGrad((a, b, save) => {
  (save as tf.GradSaveFunc)([a as tf.Tensor, b as tf.Tensor]);
  return {
    value: tf.matMul(a as tf.Tensor, b as tf.Tensor),
    gradFunc: (dy: tf.Tensor, [sa, sb]: tf.Tensor[]) => [tf.matMul(dy, swapLast(sb)), tf.matMul(swapLast(sa), dy)],
  };
}) as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;
