import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSafetensors } from '../tensors/safetensors';
import type { WeightSet } from '../tensors/weight-set';
import { buildCharGptGraph, CHAR_LOGITS_OUTPUT, forward, initWeights, ONEHOT_INPUT, paramsFromWeightSet, type CharGptConfig } from './char-gpt';
import { mulberry32 } from '../util/random';

/** Logits (B, T, V) of the ONNX graph for ids (B*T). */
async function onnxLogits(c: CharGptConfig, ws: WeightSet, ids: number[], B: number, T: number): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(buildCharGptGraph(c, T));
  const onehot = new Float32Array(B * T * c.vocabSize);
  ids.forEach((id, i) => (onehot[i * c.vocabSize + id] = 1));
  const feeds: Record<string, ort.Tensor> = { [ONEHOT_INPUT]: new ort.Tensor('float32', onehot, [B, T, c.vocabSize]) };
  for (const [name, t] of Object.entries(ws.tensors)) feeds[name] = new ort.Tensor('float32', t.data, t.shape);
  const out = (await session.run(feeds))[CHAR_LOGITS_OUTPUT];
  expect(out.dims).toEqual([B, T, c.vocabSize]);
  await session.release();
  return out.data as Float32Array;
}

const maxAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('ONNX char GPT graph', () => {
  it('matches the tfjs forward on a tiny random model (max abs diff < 1e-4)', async () => {
    await tf.setBackend('cpu');
    const c: CharGptConfig = { vocabSize: 13, blockSize: 10, nLayer: 2, nHead: 2, nEmbd: 16 };
    const ws = initWeights(c, 5);
    const rand = mulberry32(6);
    // Non-trivial norms and biases, so every parameter matters in the comparison.
    for (const t of Object.values(ws.tensors)) for (let i = 0; i < t.data.length; i++) t.data[i] += 0.1 * (rand() - 0.5);
    const B = 3, T = 8;
    const ids = Array.from({ length: B * T }, () => Math.floor(rand() * c.vocabSize));
    const ref = tf.tidy(() => forward(paramsFromWeightSet(ws), tf.tensor2d(ids, [B, T], 'int32'), c).dataSync() as Float32Array);

    expect(maxAbsDiff(await onnxLogits(c, ws, ids, B, T), ref)).toBeLessThan(1e-4);
  });

  const shipped = 'public/models/detox/toxic.safetensors';
  it.runIf(existsSync(shipped))('matches tfjs on a shipped model over a full context', async () => {
    await tf.setBackend('cpu');
    const c = JSON.parse(readFileSync('public/models/detox/manifest.json', 'utf8')).config as CharGptConfig;
    const ws = readSafetensors(readFileSync(shipped)), rand = mulberry32(3), B = 2, T = c.blockSize;
    const ids = Array.from({ length: B * T }, () => Math.floor(rand() * c.vocabSize));
    const ref = tf.tidy(() => forward(paramsFromWeightSet(ws), tf.tensor2d(ids, [B, T], 'int32'), c).dataSync() as Float32Array);
    expect(maxAbsDiff(await onnxLogits(c, ws, ids, B, T), ref)).toBeLessThan(1e-4);
  });
});
