import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { classify, DEFAULT_VIT, encode, encoderShapes, initEncoder, initHead, toTf, type VitConfig } from './vit';
import { matmul } from './layers/explicit-matmul';

const tiny: VitConfig = { ...DEFAULT_VIT, patchSize: 7, width: 16, depth: 2, heads: 2, mlpRatio: 2 };

describe('tiny ViT', () => {
  it('names matrices [out, in] and initialises deterministically', () => {
    const s = encoderShapes(DEFAULT_VIT);
    expect(s['blocks.0.attn.qkv.weight']).toEqual([192, 64]);
    expect(s['blocks.1.mlp.fc1.weight']).toEqual([256, 64]);
    expect(s['patch_embed.weight']).toEqual([64, 16]);
    expect(s.pos_embed).toEqual([49, 64]);
    expect(initEncoder(tiny, 1).tensors['blocks.0.attn.qkv.weight'].data).toEqual(initEncoder(tiny, 1).tensors['blocks.0.attn.qkv.weight'].data);
  });

  it('maps (B, 784) images to (B, C) features and (B, K) logits', async () => {
    await tf.setBackend('cpu');
    const e = toTf(initEncoder(tiny, 1)), h = toTf(initHead(tiny, 7, 2));
    const x = tf.randomUniform([3, 784]);
    expect(encode(e, x, tiny).shape).toEqual([3, 16]);
    expect(classify(e, h, x, tiny).shape).toEqual([3, 7]);
  });

  it('has a matmul gradient equal to the built-in one', async () => {
    await tf.setBackend('cpu');
    const a = tf.randomNormal([2, 4, 3]), b = tf.randomNormal([2, 3, 5]);
    const f = (m: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor) => tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(m(x, y), m(x, y))))([a, b]);
    const [ga, gb] = f(matmul);
    const [ra, rb] = f((x, y) => tf.matMul(x as tf.Tensor3D, y as tf.Tensor3D));
    expect(tf.max(tf.abs(tf.sub(ga, ra))).dataSync()[0]).toBeLessThan(1e-4);
    expect(tf.max(tf.abs(tf.sub(gb, rb))).dataSync()[0]).toBeLessThan(1e-4);
  });
});
