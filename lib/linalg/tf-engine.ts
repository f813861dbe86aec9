import * as tf from '@tensorflow/tfjs-core';
import type { MatmulEngine, Resident } from './engine';
import type { Mat } from './mat';

class TfResident implements Resident {
  constructor(readonly tensor: tf.Tensor2D) {}
  get rows() {
    return this.tensor.shape[0];
  }
  get cols() {
    return this.tensor.shape[1];
  }
}

const toTensor = (a: Mat) =>
  tf.tensor2d(a.data instanceof Float32Array ? a.data : Float32Array.from(a.data), [a.rows, a.cols], 'float32');
const tensorOf = (a: Resident) => (a as TfResident).tensor;

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
  upload(a, transpose = false) {
    return new TfResident(tf.tidy(() => (transpose ? tf.transpose(toTensor(a)) : toTensor(a))));
  },
  mul(a, b, ta = false, tb = false) {
    return new TfResident(
      tf.tidy(() => tf.matMul(ta ? tf.transpose(tensorOf(a)) : tensorOf(a), tb ? tf.transpose(tensorOf(b)) : tensorOf(b))),
    );
  },
  sub(a, b) {
    return new TfResident(tf.sub(tensorOf(a), tensorOf(b)));
  },
  async read(a) {
    return { rows: a.rows, cols: a.cols, data: (await tensorOf(a).data()) as Float32Array };
  },
  free(...a) {
    for (const r of a) tensorOf(r).dispose();
  },
  heldBytes() {
    return tf.memory().numBytes;
  },
};

/**
 * What the active backend can hold for one step of a decomposition (k copies of the largest
 * layer plus sketches): wasm has a 4 GiB address space, of which the heap and the products need
 * some. Undefined where only the tab's budget applies (cpu: plain JS arrays; WebGPU: the load
 * estimate checks its per-buffer limit).
 */
export function tfEngineBudget(): number | undefined {
  return tf.getBackend() === 'wasm' ? 3 * 2 ** 30 : undefined;
}
