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

async function read(a: Resident): Promise<Mat> {
  return { rows: a.rows, cols: a.cols, data: (await tensorOf(a).data()) as Float32Array };
}

/** Several residents flattened into one tensor, so they cross back in a single read. */
async function readAll(a: Resident[]): Promise<Mat[]> {
  if (a.length <= 1) return Promise.all(a.map(read));
  const flat = tf.tidy(() => tf.concat(a.map((r) => tf.reshape(tensorOf(r), [-1]))));
  try {
    const data = (await flat.data()) as Float32Array;
    let offset = 0;
    return a.map((r) => ({ rows: r.rows, cols: r.cols, data: data.slice(offset, (offset += r.rows * r.cols)) }));
  } finally {
    flat.dispose();
  }
}

/**
 * Float32 products on whichever tfjs backend is active. Transposes are done explicitly:
 * the wasm backend's matMul with transpose flags is 10-25x slower than transpose-then-matMul.
 * `fewReads` follows the backend (WebGPU) unless forced, so tests can take the GPU's paths on cpu.
 */
export function makeTfEngine(fewReads?: boolean): MatmulEngine {
  return {
    name: 'tfjs',
    get fewReads() {
      return fewReads ?? tf.getBackend() === 'webgpu';
    },
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
    combine(a, alpha, b, beta) {
      return new TfResident(tf.tidy(() => tf.add(tf.mul(tensorOf(a), alpha), tf.mul(tensorOf(b), beta))));
    },
    unitNorm(a) {
      return new TfResident(tf.tidy(() => tf.divNoNan(tensorOf(a), tf.norm(tensorOf(a)))));
    },
    read,
    readAll,
    free(...a) {
      for (const r of a) tensorOf(r).dispose();
    },
    heldBytes() {
      return tf.memory().numBytes;
    },
  };
}

export const tfEngine: MatmulEngine = makeTfEngine();

/**
 * What the active backend can hold for one step of a decomposition (k copies of the largest
 * layer plus sketches): wasm has a 4 GiB address space, of which the heap and the products need
 * some. Undefined where only the tab's budget applies (cpu: plain JS arrays; WebGPU: the load
 * estimate checks its per-buffer limit).
 */
export function tfEngineBudget(): number | undefined {
  return tf.getBackend() === 'wasm' ? 3 * 2 ** 30 : undefined;
}
