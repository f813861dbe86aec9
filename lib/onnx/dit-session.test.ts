import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSafetensors } from '../tensors/safetensors';
import { type DitConfig, ditForward, ditPixels, ditToTf, initDit } from '../models/tiny-dit';
import type { WeightSet } from '../tensors/weight-set';
import { gaussian, mulberry32 } from '../util/random';
import { DitSession } from './dit-session';
import type { OrtModule } from './session';

const ortModule = ort as unknown as OrtModule;
const c: DitConfig = { imageSize: 16, channels: 3, patchSize: 4, width: 32, depth: 2, heads: 4, mlpRatio: 2, classes: 7, timeFreqs: 8, lnEps: 1e-6 };

/** Random weights everywhere (adaLN-Zero starts at zero, which would hide half the graph). */
function randomDit(seed: number): WeightSet {
  const ws = initDit(c, seed), g = gaussian(mulberry32(seed + 1));
  for (const t of Object.values(ws.tensors)) for (let i = 0; i < t.data.length; i++) t.data[i] += 0.1 * g();
  return ws;
}

const maxAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('ONNX tiny DiT graph', () => {
  it('matches the tfjs forward on a tiny random model (max abs diff < 1e-4)', async () => {
    await tf.setBackend('cpu');
    const ws = randomDit(3), n = 5, D = ditPixels(c), g = gaussian(mulberry32(9));
    const x = Float32Array.from({ length: n * D }, g), t = Float32Array.from([0, 0.1, 0.5, 0.9, 1]), labels = Int32Array.from([0, 3, 6, 7, 2]);
    const ref = tf.tidy(() => {
      const onehot = tf.oneHot(tf.tensor1d(labels, 'int32'), c.classes + 1).toFloat();
      return ditForward(ditToTf(ws), tf.tensor2d(x, [n, D]), tf.tensor1d(t), onehot, c).dataSync() as Float32Array;
    });
    const session = await DitSession.create(ortModule, c);
    const v = await session.velocity(ws, x, t, labels);
    expect(v.length).toBe(n * D);
    expect(maxAbsDiff(v, ref)).toBeLessThan(1e-4);
    expect(maxAbsDiff(ref, new Float32Array(n * D))).toBeGreaterThan(0.01);
    await session.release();
  });

  it('takes edited weights without rebuilding the session', async () => {
    const session = await DitSession.create(ortModule, c);
    const D = ditPixels(c), x = new Float32Array(2 * D).fill(0.3), t = Float32Array.from([0.5, 0.5]), labels = Int32Array.from([1, 2]);
    const a = await session.velocity(randomDit(1), x, t, labels);
    const b = await session.velocity(randomDit(2), x, t, labels);
    expect(maxAbsDiff(a, b)).toBeGreaterThan(1e-3);
    await session.release();
  });

  const shipped = 'public/models/style/base.safetensors';
  it.runIf(existsSync(shipped))('matches tfjs on the shipped base denoiser', async () => {
    await tf.setBackend('cpu');
    const cfg = JSON.parse(readFileSync('public/models/style/manifest.json', 'utf8')).architecture as DitConfig;
    const ws = readSafetensors(readFileSync(shipped)), n = 4, D = ditPixels(cfg), g = gaussian(mulberry32(2));
    const x = Float32Array.from({ length: n * D }, g), t = Float32Array.from([0.05, 0.3, 0.6, 0.95]), labels = Int32Array.from([0, 150, 199, cfg.classes]);
    const ref = tf.tidy(() => ditForward(ditToTf(ws), tf.tensor2d(x, [n, D]), tf.tensor1d(t), tf.oneHot(tf.tensor1d(labels, 'int32'), cfg.classes + 1).toFloat(), cfg).dataSync() as Float32Array);
    const session = await DitSession.create(ortModule, cfg);
    expect(maxAbsDiff(await session.velocity(ws, x, t, labels), ref)).toBeLessThan(1e-4);
    await session.release();
  });
});
