/** One place that picks the tfjs backend for the detox scripts: wasm (single-threaded in Node). */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

export async function useWasm(): Promise<typeof tf> {
  await tf.setBackend('wasm');
  await tf.ready();
  return tf;
}
