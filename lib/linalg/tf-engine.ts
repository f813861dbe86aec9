import * as tf from '@tensorflow/tfjs-core';
import type { MatmulEngine } from './engine';
import type { Mat } from './mat';

const toTensor = (a: Mat) =>
  tf.tensor2d(a.data instanceof Float32Array ? a.data : Float32Array.from(a.data), [a.rows, a.cols], 'float32');

/**
 * Float32 products on whichever tfjs backend is active. Transposes are done explicitly:
 * the wasm backend's matMul with transpose flags is 10-25x slower than transpose-then-matMul.
 */
export const tfEngine: MatmulEngine = {
  name: 'tfjs',
  async matmul(a, b, ta = false, tb = false) {
    const out = tf.tidy(() => {
      let x = toTensor(a);
      let y = toTensor(b);
      if (ta) x = tf.transpose(x);
      if (tb) y = tf.transpose(y);
      return tf.matMul(x, y);
    });
    try {
      const [rows, cols] = out.shape;
      return { rows, cols, data: (await out.data()) as Float32Array };
    } finally {
      out.dispose();
    }
  },
};
