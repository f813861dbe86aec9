/**
 * LayerOps on tfjs tensors, for training and tfjs inference. Functional tf.* calls only (the UMD
 * build registers no chained ops); every matmul goes through explicit-matmul, whose gradient
 * transposes explicitly because wasm's transposeA/B kernels are 10-25x slower.
 */
import * as tf from '@tensorflow/tfjs-core';
import { matmul } from './explicit-matmul';
import type { LayerOps } from './layer-ops';

function layerNormCore(x: tf.Tensor, eps: number): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, eps)));
}

export const tfOps: LayerOps<tf.Tensor> = {
  linear: (x, w, b) => {
    const y = matmul(x, tf.transpose(w)); // (N, out)
    return b ? tf.add(y, b) : y;
  },
  matmul,
  add: (a, b) => tf.add(a, b),
  mul: (a, b) => tf.mul(a, b),
  addScalar: (x, s) => tf.add(x, s),
  mulScalar: (x, s) => tf.mul(x, s),
  tanh: (x) => tf.tanh(x),
  sigmoid: (x) => tf.sigmoid(x),
  sin: (x) => tf.sin(x),
  cos: (x) => tf.cos(x),
  softmax: (x) => tf.softmax(x),
  layerNorm: (x, gain, bias, eps) => tf.add(tf.mul(layerNormCore(x, eps), gain), bias),
  normalize: (x, _width, eps) => layerNormCore(x, eps),
  mean: (x, axis) => tf.mean(x, axis),
  reshape: (x, shape) => tf.reshape(x, shape),
  transpose: (x, perm) => tf.transpose(x, perm),
  split: (x, parts, axis) => tf.split(x, parts, axis),
  concat: (xs, axis) => tf.concat(xs, axis),
  slice: (x, axis, start, end) => {
    const begin = x.shape.map(() => 0), size = x.shape.map(() => -1);
    begin[axis] = start;
    size[axis] = end - start;
    return tf.slice(x, begin, size);
  },
  constant: (values, shape) => tf.tensor(values, shape),
};
