/**
 * A tiny character-level GPT (nanoGPT's model.py, shrunk) in TensorFlow.js, written for the wasm
 * backend: no gather gradients (embeddings are oneHot(ids) x E), no transposed matMul flags (a custom
 * gradient transposes explicitly, 10-25x faster there), functional tf.* calls only (the UMD build has
 * no chained ops). Weights live in a plain WeightSet; 2-D weights are [out, in] as in METHOD.md.
 */
import * as tf from '@tensorflow/tfjs';
import { matmul, swapLast } from './layers/explicit-matmul';
import type { Tensor as WeightTensor, WeightSet } from '../tensors/weight-set';
import { seededRandom } from '../detox/seeded-random';

export interface CharGptConfig {
  /** Characters in the tokenizer. */
  vocabSize: number;
  /** Context length: 64 characters hold a whole templated sentence. */
  blockSize: number;
  /** 3 layers x 128 wide is ~0.6M parameters: ~0.9-1.2 s per 32x64 batch on one wasm core, 2,000 base steps in ~35 min. */
  nLayer: number;
  nHead: number;
  nEmbd: number;
}

export const DEFAULT_CHAR_GPT_CONFIG: CharGptConfig = { vocabSize: 48, blockSize: 64, nLayer: 3, nHead: 4, nEmbd: 128 };

export type Params = Record<string, tf.Tensor>;

/** Parameter names and shapes in file order. The output head is tied to the token embedding. */
export function paramShapes(cfg: CharGptConfig): Record<string, number[]> {
  const C = cfg.nEmbd;
  const shapes: Record<string, number[]> = { wte: [cfg.vocabSize, C], wpe: [cfg.blockSize, C] };
  for (let i = 0; i < cfg.nLayer; i++) {
    Object.assign(shapes, {
      [`h${i}.ln1.g`]: [C], [`h${i}.ln1.b`]: [C],
      [`h${i}.attn.qkv.w`]: [3 * C, C], [`h${i}.attn.qkv.b`]: [3 * C],
      [`h${i}.attn.proj.w`]: [C, C], [`h${i}.attn.proj.b`]: [C],
      [`h${i}.ln2.g`]: [C], [`h${i}.ln2.b`]: [C],
      [`h${i}.mlp.fc.w`]: [4 * C, C], [`h${i}.mlp.fc.b`]: [4 * C],
      [`h${i}.mlp.proj.w`]: [C, 4 * C], [`h${i}.mlp.proj.b`]: [C],
    });
  }
  return Object.assign(shapes, { 'lnf.g': [C], 'lnf.b': [C] });
}

export const countParams = (cfg: CharGptConfig): number =>
  Object.values(paramShapes(cfg)).reduce((n, s) => n + s.reduce((a, b) => a * b, 1), 0);

/** GPT-2 init: N(0, 0.02), residual projections scaled by 1/sqrt(2 * nLayer), norms at 1, biases 0. */
export function initWeights(cfg: CharGptConfig, seed = 0): WeightSet {
  const rand = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const tensors: Record<string, WeightTensor> = {};
  for (const [name, shape] of Object.entries(paramShapes(cfg))) {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    if (name.endsWith('.g')) data.fill(1);
    else if (shape.length === 2) {
      const std = name.endsWith('proj.w') ? 0.02 / Math.sqrt(2 * cfg.nLayer) : 0.02;
      for (let i = 0; i < data.length; i++) data[i] = std * gauss();
    }
    tensors[name] = { shape, data };
  }
  return { tensors };
}

/** x (N, in) @ W^T + b with W stored [out, in]. */
const linear = (x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor): tf.Tensor => {
  const y = matmul(x, tf.transpose(w)); // (N, out)
  return b ? tf.add(y, b) : y;
};

const layerNorm = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor => {
  const { mean, variance } = tf.moments(x, -1, true); // (N, 1)
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
};

const gelu = (x: tf.Tensor): tf.Tensor =>
  tf.mul(tf.mul(x, 0.5), tf.add(1, tf.tanh(tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), Math.sqrt(2 / Math.PI)))));

/** Causal self-attention on a flattened (B*T, C) residual stream. */
function attention(x: tf.Tensor, p: Params, i: number, B: number, T: number, cfg: CharGptConfig): tf.Tensor {
  const C = cfg.nEmbd;
  const nh = cfg.nHead;
  const hs = C / nh;
  const qkv = linear(x, p[`h${i}.attn.qkv.w`], p[`h${i}.attn.qkv.b`]); // (B*T, 3C)
  const heads = (t: tf.Tensor) => tf.transpose(tf.reshape(t, [B, T, nh, hs]), [0, 2, 1, 3]); // (B, nh, T, hs)
  const [q, k, v] = tf.split(qkv, 3, 1).map(heads);
  const mask = tf.mul(tf.sub(1, tf.linalg.bandPart(tf.ones([T, T]), -1, 0)), -1e9); // (T, T), -inf above diagonal
  const att = tf.softmax(tf.add(tf.mul(matmul(q, swapLast(k)), 1 / Math.sqrt(hs)), mask)); // (B, nh, T, T)
  const y = tf.reshape(tf.transpose(matmul(att, v), [0, 2, 1, 3]), [B * T, C]); // (B*T, C)
  return linear(y, p[`h${i}.attn.proj.w`], p[`h${i}.attn.proj.b`]); // (B*T, C)
}

/** ids (B, T) -> logits (B*T, vocab). */
export function forward(p: Params, ids: tf.Tensor2D, cfg: CharGptConfig): tf.Tensor2D {
  const [B, T] = ids.shape;
  const tok = matmul(tf.oneHot(tf.reshape(ids, [B * T]), cfg.vocabSize), p.wte); // (B*T, C)
  const pos = tf.tile(tf.slice(p.wpe, [0, 0], [T, cfg.nEmbd]), [B, 1]); // (B*T, C)
  let x = tf.add(tok, pos); // (B*T, C)
  for (let i = 0; i < cfg.nLayer; i++) {
    x = tf.add(x, attention(layerNorm(x, p[`h${i}.ln1.g`], p[`h${i}.ln1.b`]), p, i, B, T, cfg));
    const h = gelu(linear(layerNorm(x, p[`h${i}.ln2.g`], p[`h${i}.ln2.b`]), p[`h${i}.mlp.fc.w`], p[`h${i}.mlp.fc.b`])); // (B*T, 4C)
    x = tf.add(x, linear(h, p[`h${i}.mlp.proj.w`], p[`h${i}.mlp.proj.b`])); // (B*T, C)
  }
  return linear(layerNorm(x, p['lnf.g'], p['lnf.b']), p.wte) as tf.Tensor2D; // (B*T, vocab)
}

/** Mean next-character cross-entropy in nats; targets (B, T). */
export function loss(p: Params, ids: tf.Tensor2D, targets: tf.Tensor2D, cfg: CharGptConfig): tf.Scalar {
  const logits = forward(p, ids, cfg); // (B*T, V)
  const oneHot = tf.oneHot(tf.reshape(targets, [-1]), cfg.vocabSize); // (B*T, V)
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), -1))) as tf.Scalar;
}

export const paramsFromWeightSet = (ws: WeightSet): Params =>
  Object.fromEntries(Object.entries(ws.tensors).map(([n, t]) => [n, tf.tensor(t.data, t.shape)]));

export const disposeParams = (p: Params): void => Object.values(p).forEach((t) => t.dispose());

export interface SampleOptions {
  maxNewChars: number;
  /** 0 means greedy. */
  temperature: number;
  topK: number;
  seed: number;
  /** Stop a row once it emits one of these token ids (e.g. newline). */
  stopIds?: number[];
  /** Called with (row, token id) as each character is sampled, for streaming. */
  onToken?: (row: number, id: number) => void;
}

export function sampleRow(logits: Float32Array, o: SampleOptions, rand: () => number): number {
  if (o.temperature <= 0) return logits.indexOf(Math.max(...logits));
  const order = Array.from(logits.keys()).sort((a, b) => logits[b] - logits[a]).slice(0, Math.max(1, o.topK));
  const max = logits[order[0]];
  const weights = order.map((i) => Math.exp((logits[i] - max) / o.temperature));
  let r = rand() * weights.reduce((a, b) => a + b, 0);
  for (let j = 0; j < order.length; j++) if ((r -= weights[j]) <= 0) return order[j];
  return order[order.length - 1];
}

/**
 * Samples continuations for a batch of prompts (token ids). No KV cache: each step re-reads the last
 * blockSize characters of every row, right-padded, so rows of different lengths share one forward.
 * Row r uses its own PRNG (seed + r), so a row's text does not depend on the rest of the batch.
 */
export async function generateBatch(p: Params, prompts: number[][], cfg: CharGptConfig, o: SampleOptions): Promise<number[][]> {
  const seqs = prompts.map((s) => s.slice());
  const out: number[][] = prompts.map(() => []);
  const done = prompts.map(() => false);
  const rands = prompts.map((_, r) => seededRandom(o.seed + r * 7919));
  for (let step = 0; step < o.maxNewChars && done.some((d) => !d); step++) {
    const windows = seqs.map((s) => s.slice(-cfg.blockSize));
    const L = Math.max(...windows.map((w) => w.length));
    const flat = new Int32Array(seqs.length * L);
    windows.forEach((w, r) => flat.set(w, r * L));
    const logits = tf.tidy(() => {
      const all = forward(p, tf.tensor2d(flat, [seqs.length, L], 'int32'), cfg); // (B*L, V)
      const rows = windows.map((w, r) => r * L + w.length - 1);
      return tf.gather(all, tf.tensor1d(rows, 'int32')); // (B, V)
    });
    const data = (await logits.data()) as Float32Array;
    logits.dispose();
    for (let r = 0; r < seqs.length; r++) {
      if (done[r]) continue;
      const id = sampleRow(data.subarray(r * cfg.vocabSize, (r + 1) * cfg.vocabSize), o, rands[r]);
      seqs[r].push(id);
      out[r].push(id);
      o.onToken?.(r, id);
      if (o.stopIds?.includes(id)) done[r] = true;
    }
  }
  return out;
}

/** Streams one continuation of a text prompt from a plain WeightSet, character by character. */
export async function generateText(
  ws: WeightSet,
  cfg: CharGptConfig,
  tokenizer: { encode(t: string): number[]; decode(ids: ArrayLike<number>): string },
  prompt: string,
  o: Omit<SampleOptions, 'onToken'> & { onChar?: (ch: string) => void },
): Promise<string> {
  const p = paramsFromWeightSet(ws);
  try {
    const [ids] = await generateBatch(p, [tokenizer.encode(prompt)], cfg, { ...o, onToken: (_, id) => o.onChar?.(tokenizer.decode([id])) });
    return tokenizer.decode(ids);
  } finally {
    disposeParams(p);
  }
}
