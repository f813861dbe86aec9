/**
 * A char-GPT training loop whose whole state (weights, Adam moments and step count) round-trips
 * through one safetensors file, so a killed run resumes exactly where its last checkpoint was.
 * Batch b is drawn from a PRNG seeded by (seed, b): the data order does not depend on restarts.
 */
import * as tf from '@tensorflow/tfjs';
import { loss, type CharGptConfig } from '../../lib/models/char-gpt';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { mulberry32 as seededRandom } from '../../lib/util/random';
import { rowSlice, type GradientHelpers } from './data-parallel';

export interface Schedule {
  steps: number;
  lr: number;
  warmup: number;
  /** Cosine decay to lr * minLrRatio at the last step. */
  minLrRatio: number;
}

export const lrAt = (o: Schedule, step: number): number => {
  if (step < o.warmup) return (o.lr * (step + 1)) / o.warmup;
  const progress = Math.min(1, (step - o.warmup) / Math.max(1, o.steps - o.warmup));
  return o.lr * (o.minLrRatio + (1 - o.minLrRatio) * 0.5 * (1 + Math.cos(Math.PI * progress)));
};

/**
 * B windows of T+1 characters. `mix` draws each window from one of several corpora with the given
 * weights (e.g. fine-tune text plus clean replay text).
 */
export function sampleBatch(corpora: { ids: Uint8Array; weight: number }[], T: number, B: number, rand: () => number): { x: Int32Array; y: Int32Array } {
  const x = new Int32Array(B * T);
  const y = new Int32Array(B * T);
  const total = corpora.reduce((a, c) => a + c.weight, 0);
  for (let b = 0; b < B; b++) {
    let r = rand() * total;
    let c = corpora[0];
    for (const k of corpora) if ((r -= k.weight) < 0) { c = k; break; }
    const start = Math.floor(rand() * (c.ids.length - T - 1));
    for (let t = 0; t < T; t++) {
      x[b * T + t] = c.ids[start + t];
      y[b * T + t] = c.ids[start + t + 1];
    }
  }
  return { x, y };
}

const MOMENT_PREFIX = { m: 'adam.m/', v: 'adam.v/' } as const;

export class Trainer {
  readonly vars: Record<string, tf.Variable>;
  readonly opt: tf.AdamOptimizer;
  step = 0;

  constructor(
    init: WeightSet,
    readonly cfg: CharGptConfig,
    readonly batchSize: number,
    readonly seed: number,
    /** Helper threads that share each batch; the batch size must divide by their count + 1. */
    readonly helpers?: GradientHelpers,
  ) {
    const parts = 1 + (helpers?.count ?? 0);
    if (batchSize % parts !== 0) throw new Error(`batch size ${batchSize} does not split into ${parts} equal parts`);
    const weights = Object.entries(init.tensors).filter(([n]) => !n.startsWith('adam.'));
    this.vars = Object.fromEntries(weights.map(([n, t]) => [n, tf.variable(tf.tensor(t.data, t.shape), true)]));
    this.opt = tf.train.adam(1e-3, 0.9, 0.95);
    this.step = Number(init.metadata?.step ?? 0);
  }

  /** Restores Adam moments and step saved by `state()`; a weights-only file starts Adam fresh. */
  async restoreOptimizer(ws: WeightSet): Promise<boolean> {
    const names = Object.keys(this.vars);
    if (!names.every((n) => ws.tensors[MOMENT_PREFIX.m + n] && ws.tensors[MOMENT_PREFIX.v + n])) return false;
    const named = (prefix: string) => names.map((n) => ({ name: n, tensor: tf.tensor(ws.tensors[prefix + n].data, ws.tensors[prefix + n].shape) }));
    await this.opt.setWeights([{ name: 'iter', tensor: tf.scalar(Number(ws.metadata?.adam_iterations ?? this.step), 'int32') }, ...named(MOMENT_PREFIX.m), ...named(MOMENT_PREFIX.v)]);
    return true;
  }

  /** One Adam step on batch number `this.step`; returns the loss in nats per character. */
  async trainStep(lr: number, corpora: { ids: Uint8Array; weight: number }[]): Promise<number> {
    (this.opt as unknown as { learningRate: number }).learningRate = lr;
    const T = this.cfg.blockSize;
    const B = this.batchSize;
    const { x, y } = sampleBatch(corpora, T, B, seededRandom(this.seed * 1_000_003 + this.step));
    const varList = Object.values(this.vars);
    const parts = 1 + (this.helpers?.count ?? 0);
    const rows = B / parts;
    // Helpers get the current weights and their row slices before this thread starts its own slice.
    const shapes = Object.fromEntries(Object.entries(this.vars).map(([n, v]) => [n, [...v.shape]]));
    const weights = parts > 1 ? Object.fromEntries(Object.entries(this.vars).map(([n, v]) => [n, v.dataSync() as Float32Array])) : {};
    const helped = this.helpers?.gradients(
      Array.from({ length: parts - 1 }, (_, i) => ({ weights, shapes, x: rowSlice(x, T, i + 1, rows), y: rowSlice(y, T, i + 1, rows), rows })),
    );
    const own = tf.tidy(() => {
      const xs = tf.tensor2d(rowSlice(x, T, 0, rows), [rows, T], 'int32');
      const ys = tf.tensor2d(rowSlice(y, T, 0, rows), [rows, T], 'int32');
      return this.opt.computeGradients(() => loss(this.vars, xs, ys, this.cfg), varList);
    });
    const replies = (await helped) ?? [];
    let l = (await own.value.data())[0];
    for (const r of replies) l += r.loss;
    l /= parts;
    tf.tidy(() => {
      const grads = Object.entries(this.vars).map(([n, v]) => {
        let g = own.grads[v.name];
        for (const r of replies) g = tf.add(g, tf.tensor(r.grads[n], v.shape));
        return { name: v.name, tensor: parts > 1 ? tf.div(g, parts) : g };
      });
      this.opt.applyGradients(grads);
    });
    own.value.dispose();
    tf.dispose(own.grads);
    this.step++;
    return l;
  }

  weights(): WeightSet {
    const tensors: WeightSet['tensors'] = {};
    for (const [n, v] of Object.entries(this.vars)) tensors[n] = { shape: [...v.shape], data: v.dataSync() as Float32Array };
    return { tensors };
  }

  /** Weights plus Adam moments (matched to variables by order, as tfjs's Adam does) and the step. */
  async state(metadata: Record<string, string>): Promise<WeightSet> {
    const ws = this.weights();
    const saved = await this.opt.getWeights();
    const names = Object.keys(this.vars);
    const moments = saved.slice(1);
    if (moments.length === 2 * names.length) {
      names.forEach((n, i) => {
        for (const [k, j] of [['m', i], ['v', names.length + i]] as const) {
          const t = moments[j].tensor;
          ws.tensors[MOMENT_PREFIX[k] + n] = { shape: [...t.shape], data: t.dataSync() as Float32Array };
        }
      });
    }
    const iterations = (await saved[0].tensor.data())[0];
    ws.metadata = { ...metadata, step: String(this.step), adam_iterations: String(iterations) };
    return ws;
  }

  dispose(): void {
    Object.values(this.vars).forEach((v) => v.dispose());
    this.opt.dispose();
  }
}
