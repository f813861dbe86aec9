import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { countParams, DEFAULT_CHAR_GPT_CONFIG, forward, generateBatch, initWeights, loss, paramShapes, paramsFromWeightSet } from './char-gpt';
import { matmul } from './layers/explicit-matmul';

const cfg = { vocabSize: 11, blockSize: 8, nLayer: 2, nHead: 2, nEmbd: 16 };

describe('char GPT', () => {
  it('has the documented size by default and [out, in] weights', () => {
    expect(countParams(DEFAULT_CHAR_GPT_CONFIG)).toBeGreaterThan(300_000);
    expect(countParams(DEFAULT_CHAR_GPT_CONFIG)).toBeLessThan(1_000_000);
    expect(paramShapes(cfg)['h0.mlp.fc.w']).toEqual([64, 16]);
    expect(initWeights(cfg, 3)).toEqual(initWeights(cfg, 3));
  });
  it('maps ids (B, T) to logits (B*T, vocab) and a finite loss near ln(vocab)', () => {
    const p = paramsFromWeightSet(initWeights(cfg, 1));
    const ids = tf.tensor2d([[1, 2, 3, 4, 5, 6, 7, 8], [0, 1, 0, 1, 0, 1, 0, 1]], [2, 8], 'int32');
    expect(forward(p, ids, cfg).shape).toEqual([16, 11]);
    const l = loss(p, ids, ids, cfg).dataSync()[0];
    expect(Math.abs(l - Math.log(11))).toBeLessThan(0.2);
  });
  it('is causal: changing a later token leaves earlier logits alone', () => {
    const p = paramsFromWeightSet(initWeights(cfg, 2));
    const a = forward(p, tf.tensor2d([[1, 2, 3, 4]], [1, 4], 'int32'), cfg).arraySync();
    const b = forward(p, tf.tensor2d([[1, 2, 3, 9]], [1, 4], 'int32'), cfg).arraySync();
    expect(b[2][0]).toBeCloseTo(a[2][0], 5);
    expect(b[3][0]).not.toBeCloseTo(a[3][0], 5);
  });
  it('custom matmul gradients equal tf.matMul gradients', () => {
    const a = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 1);
    const b = tf.randomNormal([2, 4, 5], 0, 1, 'float32', 2);
    const [ga, gb] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(matmul(x, y))))([a, b]);
    const [ra, rb] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, y))))([a, b]);
    expect(tf.max(tf.abs(tf.sub(ga, ra))).dataSync()[0]).toBeLessThan(1e-4);
    expect(tf.max(tf.abs(tf.sub(gb, rb))).dataSync()[0]).toBeLessThan(1e-4);
  });
  it('generates seeded continuations of the requested length, batch-independent', async () => {
    const p = paramsFromWeightSet(initWeights(cfg, 1));
    const o = { maxNewChars: 10, temperature: 1, topK: 5, seed: 4 };
    const both = await generateBatch(p, [[1, 2], [3, 4, 5]], cfg, o);
    expect(both.map((r) => r.length)).toEqual([10, 10]);
    expect(both.flat().every((i) => i >= 0 && i < 11)).toBe(true);
    const first = await generateBatch(p, [[1, 2]], cfg, o);
    expect(first[0]).toEqual(both[0]);
  });
});
