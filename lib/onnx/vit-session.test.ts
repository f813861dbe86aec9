import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeImageSet, PIXELS, toFloat } from '../demos/merge/dataset/dataset';
import { mulberry32, standardNormal } from '../util/random';
import { classify, encode, initEncoder, initHead, toTf, type VitConfig } from '../models/vit';
import { readSafetensors } from '../tensors/safetensors';
import type { WeightSet } from '../tensors/weight-set';
import { type OrtModule, VitSession } from './session';

const ortModule = ort as unknown as OrtModule;

/** Random weights with non-trivial norms and biases, so every parameter matters in the comparison. */
function randomize(ws: WeightSet, seed: number): WeightSet {
  const rng = mulberry32(seed);
  for (const t of Object.values(ws.tensors)) for (let i = 0; i < t.data.length; i++) t.data[i] += 0.1 * standardNormal(rng);
  return ws;
}

function tfForward(enc: WeightSet, head: WeightSet, x: Float32Array, n: number, c: VitConfig) {
  return tf.tidy(() => {
    const e = toTf(enc), h = toTf(head);
    const input = tf.tensor2d(x, [n, PIXELS]);
    return { logits: classify(e, h, input, c).dataSync() as Float32Array, features: encode(e, input, c).dataSync() as Float32Array };
  });
}

const maxAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('ONNX ViT graph', () => {
  it('matches the tfjs forward on a tiny random model (max abs diff < 1e-4)', async () => {
    await tf.setBackend('cpu');
    const c: VitConfig = { imageSize: 28, patchSize: 7, width: 32, depth: 2, heads: 4, mlpRatio: 2, lnEps: 1e-5 };
    const enc = randomize(initEncoder(c, 3), 4), head = randomize(initHead(c, 5, 5), 6);
    const n = 6, rng = mulberry32(7);
    const x = Float32Array.from({ length: n * PIXELS }, () => rng());
    const ref = tfForward(enc, head, x, n, c);
    const session = await VitSession.create(ortModule, c);
    const out = await session.run(x, n, enc, head);
    expect(out.logits.length).toBe(n * 5);
    expect(out.features.length).toBe(n * 32);
    expect(maxAbsDiff(out.logits, ref.logits)).toBeLessThan(1e-4);
    expect(maxAbsDiff(out.features, ref.features)).toBeLessThan(1e-4);
    await session.release();
  });

  it('takes edited weights without rebuilding: a changed encoder changes the logits', async () => {
    const c: VitConfig = { imageSize: 28, patchSize: 7, width: 16, depth: 1, heads: 2, mlpRatio: 2, lnEps: 1e-5 };
    const enc = initEncoder(c, 1), head = initHead(c, 3, 2);
    const x = new Float32Array(2 * PIXELS).fill(0.5).map((v, i) => (i % 7 === 0 ? 1 : v));
    const session = await VitSession.create(ortModule, c);
    const a = (await session.run(x, 2, enc, head)).logits;
    const edited = randomize(initEncoder(c, 1), 9);
    const b = (await session.run(x, 2, edited, head)).logits;
    expect(maxAbsDiff(a, b)).toBeGreaterThan(1e-3);
    await session.release();
  });

  const shipped = 'public/models/merge/base.safetensors';
  it.runIf(existsSync(shipped) && existsSync('public/models/merge/heads.safetensors'))('matches tfjs on the shipped base model and real test images', async () => {
    await tf.setBackend('cpu');
    const manifest = JSON.parse(readFileSync('public/models/merge/manifest.json', 'utf8'));
    const c = manifest.architecture as VitConfig;
    const enc = readSafetensors(readFileSync(shipped));
    const heads = readSafetensors(readFileSync('public/models/merge/heads.safetensors'));
    const task = manifest.tasks[0].name as string;
    const head: WeightSet = { tensors: { 'head.weight': heads.tensors[`${task}.base.weight`], 'head.bias': heads.tensors[`${task}.base.bias`] } };
    const set = decodeImageSet(new Uint8Array(readFileSync(`public/data/merge/${task}-test.bin`)));
    const n = 32, x = toFloat(set, 0, n);
    const ref = tfForward(enc, head, x, n, c);
    const session = await VitSession.create(ortModule, c);
    expect(maxAbsDiff((await session.run(x, n, enc, head)).logits, ref.logits)).toBeLessThan(1e-4);
    await session.release();
  });
});
