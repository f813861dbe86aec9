import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { forward, initWeights, paramsFromWeightSet, type CharGptConfig } from '../models/char-gpt';
import { seededRandom } from '../detox/seeded-random';
import { buildCharGptGraph, CHAR_LOGITS_OUTPUT, ONEHOT_INPUT } from './char-gpt-graph';

describe('ONNX char GPT graph', () => {
  it('matches the tfjs forward on a tiny random model (max abs diff < 1e-4)', async () => {
    await tf.setBackend('cpu');
    const c: CharGptConfig = { vocabSize: 13, blockSize: 10, nLayer: 2, nHead: 2, nEmbd: 16 };
    const ws = initWeights(c, 5);
    const rand = seededRandom(6);
    // Non-trivial norms and biases, so every parameter matters in the comparison.
    for (const t of Object.values(ws.tensors)) for (let i = 0; i < t.data.length; i++) t.data[i] += 0.1 * (rand() - 0.5);
    const B = 3, T = 8;
    const ids = Array.from({ length: B * T }, () => Math.floor(rand() * c.vocabSize));
    const ref = tf.tidy(() => forward(paramsFromWeightSet(ws), tf.tensor2d(ids, [B, T], 'int32'), c).dataSync() as Float32Array);

    const session = await ort.InferenceSession.create(buildCharGptGraph(c, T));
    const onehot = new Float32Array(B * T * c.vocabSize);
    ids.forEach((id, i) => (onehot[i * c.vocabSize + id] = 1));
    const feeds: Record<string, ort.Tensor> = { [ONEHOT_INPUT]: new ort.Tensor('float32', onehot, [B, T, c.vocabSize]) };
    for (const [name, t] of Object.entries(ws.tensors)) feeds[name] = new ort.Tensor('float32', t.data, t.shape);
    const out = (await session.run(feeds))[CHAR_LOGITS_OUTPUT];
    expect(out.dims).toEqual([B, T, c.vocabSize]);
    const got = out.data as Float32Array;
    const diff = ref.reduce((m, v, i) => Math.max(m, Math.abs(v - got[i])), 0);
    expect(diff).toBeLessThan(1e-4);
  });
});
