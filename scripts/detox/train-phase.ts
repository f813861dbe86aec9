/**
 * One training phase (base or a fine-tune) with periodic checkpoints, so a killed run resumes at the
 * last saved step. Adam moments are not saved: after a resume they restart from zero, which costs a
 * few noisy steps and keeps checkpoints small. Batch b is drawn from a PRNG seeded by (seed, b), so the
 * data order is the same with or without interruptions.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { loss, type CharGptConfig } from '../../lib/models/char-gpt';
import { readSafetensors, writeSafetensors } from '../../lib/tensors/safetensors';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { seededRandom } from '../../lib/detox/seeded-random';

export interface PhaseOptions {
  name: string;
  steps: number;
  batchSize: number;
  lr: number;
  warmup: number;
  /** Cosine decay to lr * minLrRatio at the last step. */
  minLrRatio: number;
  seed: number;
  checkpointEvery: number;
}

export interface PhaseResult {
  weights: WeightSet;
  finalLoss: number;
  seconds: number;
}

export function sampleBatch(corpus: Uint8Array, T: number, B: number, rand: () => number): { x: Int32Array; y: Int32Array } {
  const x = new Int32Array(B * T);
  const y = new Int32Array(B * T);
  for (let b = 0; b < B; b++) {
    const start = Math.floor(rand() * (corpus.length - T - 1));
    for (let t = 0; t < T; t++) {
      x[b * T + t] = corpus[start + t];
      y[b * T + t] = corpus[start + t + 1];
    }
  }
  return { x, y };
}

const lrAt = (o: PhaseOptions, step: number): number => {
  if (step < o.warmup) return (o.lr * (step + 1)) / o.warmup;
  const progress = (step - o.warmup) / Math.max(1, o.steps - o.warmup);
  return o.lr * (o.minLrRatio + (1 - o.minLrRatio) * 0.5 * (1 + Math.cos(Math.PI * progress)));
};

function snapshot(vars: Record<string, tf.Variable>): WeightSet {
  const tensors: WeightSet['tensors'] = {};
  for (const [n, v] of Object.entries(vars)) tensors[n] = { shape: [...v.shape], data: v.dataSync() as Float32Array };
  return { tensors };
}

export async function trainPhase(init: WeightSet, corpus: Uint8Array, cfg: CharGptConfig, o: PhaseOptions, dir: string, log: (s: string) => void): Promise<PhaseResult> {
  const finalPath = `${dir}/${o.name}.final.safetensors`;
  const ckptPath = `${dir}/${o.name}.ckpt.safetensors`;
  if (existsSync(finalPath)) {
    const ws = readSafetensors(readFileSync(finalPath));
    log(`${o.name}: already trained, loaded ${finalPath}`);
    return { weights: ws, finalLoss: Number(ws.metadata?.final_loss), seconds: Number(ws.metadata?.seconds) };
  }
  let start = init;
  let step0 = 0;
  let secondsBefore = 0;
  if (existsSync(ckptPath)) {
    start = readSafetensors(readFileSync(ckptPath));
    step0 = Number(start.metadata?.step ?? 0);
    secondsBefore = Number(start.metadata?.seconds ?? 0);
    log(`${o.name}: resuming at step ${step0}`);
  }
  const vars = Object.fromEntries(Object.entries(start.tensors).map(([n, t]) => [n, tf.variable(tf.tensor(t.data, t.shape), true, `${o.name}/${n}`)]));
  const opt = tf.train.adam(o.lr, 0.9, 0.95);
  const t0 = Date.now();
  const seconds = () => secondsBefore + (Date.now() - t0) / 1000;
  let ema = NaN;
  const save = (path: string, step: number) => {
    const ws = snapshot(vars);
    ws.metadata = { step: String(step), seconds: seconds().toFixed(1), final_loss: ema.toFixed(4), phase: o.name };
    writeFileSync(path, writeSafetensors(ws, { dtype: 'F32', metadata: ws.metadata }));
    return ws;
  };
  for (let step = step0; step < o.steps; step++) {
    (opt as unknown as { learningRate: number }).learningRate = lrAt(o, step);
    const { x, y } = sampleBatch(corpus, cfg.blockSize, o.batchSize, seededRandom(o.seed * 1_000_003 + step));
    const value = tf.tidy(() => {
      const xs = tf.tensor2d(x, [o.batchSize, cfg.blockSize], 'int32');
      const ys = tf.tensor2d(y, [o.batchSize, cfg.blockSize], 'int32');
      return opt.minimize(() => loss(vars, xs, ys, cfg), true) as tf.Scalar;
    });
    const l = (await value.data())[0];
    value.dispose();
    ema = Number.isNaN(ema) ? l : 0.95 * ema + 0.05 * l;
    if (step % 25 === 0 || step === o.steps - 1) log(`${o.name} step ${step}/${o.steps} loss ${l.toFixed(3)} ema ${ema.toFixed(3)} lr ${lrAt(o, step).toExponential(2)} ${seconds().toFixed(0)} s`);
    if ((step + 1) % o.checkpointEvery === 0 && step + 1 < o.steps) save(ckptPath, step + 1);
  }
  const weights = save(finalPath, o.steps);
  Object.values(vars).forEach((v) => v.dispose());
  opt.dispose();
  return { weights, finalLoss: ema, seconds: seconds() };
}
