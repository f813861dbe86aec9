/**
 * A worker thread that computes the char-GPT loss gradient on its share of a batch, so one training
 * step uses two cores (tfjs-wasm is single-threaded in Node). Stateless: each request carries the
 * current weights, which are small (~3 MB) next to the step's compute.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { loss, type CharGptConfig } from '../../lib/models/char-gpt';
import { useWasm } from './tf-wasm';
import type { GradRequest, GradReply } from './data-parallel';

const cfg = workerData.cfg as CharGptConfig;
const ready = useWasm();

parentPort!.on('message', async (req: GradRequest) => {
  await ready;
  const names = Object.keys(req.weights);
  const reply = tf.tidy(() => {
    const xs = tf.tensor2d(req.x, [req.rows, cfg.blockSize], 'int32');
    const ys = tf.tensor2d(req.y, [req.rows, cfg.blockSize], 'int32');
    const f = (...ws: tf.Tensor[]) => loss(Object.fromEntries(names.map((n, i) => [n, ws[i]])), xs, ys, cfg);
    const { value, grads } = tf.valueAndGrads(f)(names.map((n) => tf.tensor(req.weights[n], req.shapes[n])));
    return { value: value.dataSync()[0], grads: Object.fromEntries(names.map((n, i) => [n, grads[i].dataSync() as Float32Array])) };
  });
  const out: GradReply = { loss: reply.value, grads: reply.grads };
  parentPort!.postMessage(out, Object.values(reply.grads).map((g) => g.buffer as ArrayBuffer));
});
