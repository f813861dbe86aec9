/**
 * A tiny character-level GPT (nanoGPT's model.py, shrunk). Reads top to bottom: config, parameter
 * shapes, init, the forward pass (written once against LayerOps), then the tfjs forward, loss and
 * generation (training, evaluation, tests) and the ONNX graph (the browser) made from it.
 * Written for the tfjs wasm backend: no gather gradients, so tokens enter as one-hot rows times the
 * embedding. Weights live in a plain WeightSet; 2-D weights are [out, in] as in METHOD.md.
 */
import * as tf from '@tensorflow/tfjs-core';
import { GraphBuilder } from './layers/graph-builder';
import type { Tensor as WeightTensor, WeightSet } from '../tensors/weight-set';
import { mulberry32 } from '../util/random';
import { sampleChars, type SampleOptions } from './char-sampling';
import { cachedSelfAttention, causalMask, type KvCache, selfAttention, type TransformerBlockWeights, transformerBlock } from './layers/attention';
import { addPositions, layerNorm } from './layers/blocks';
import type { LayerOps } from './layers/layer-ops';
import { onnxOps } from './layers/onnx-ops';
import { disposeParams, type TfParams, toTf } from './layers/tf-params';
import { tfOps } from './layers/tf-ops';

export { sampleRow, type SampleOptions } from './char-sampling';

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

/** GPT-2's layer norm epsilon (not in the config: the shipped manifests predate it). */
const LN_EPS = 1e-5;

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
  const rand = mulberry32(seed);
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

// ---------------------------------------------------------------- forward, written once

const blockWeights = <T>(w: Record<string, T>, i: number): TransformerBlockWeights<T> => ({
  ln1: { gain: w[`h${i}.ln1.g`], bias: w[`h${i}.ln1.b`] },
  attn: { qkv: { weight: w[`h${i}.attn.qkv.w`], bias: w[`h${i}.attn.qkv.b`] }, proj: { weight: w[`h${i}.attn.proj.w`], bias: w[`h${i}.attn.proj.b`] } },
  ln2: { gain: w[`h${i}.ln2.g`], bias: w[`h${i}.ln2.b`] },
  mlp: { fc1: { weight: w[`h${i}.mlp.fc.w`], bias: w[`h${i}.mlp.fc.b`] }, fc2: { weight: w[`h${i}.mlp.proj.w`], bias: w[`h${i}.mlp.proj.b`] } },
});

/** The residual stream (N, C) through the blocks, the final norm and the tied head -> logits (N, V). */
function blocksAndHead<T>(o: LayerOps<T>, w: Record<string, T>, h: T, c: CharGptConfig, attention: (i: number, bw: TransformerBlockWeights<T>, x: T) => T): T {
  for (let i = 0; i < c.nLayer; i++) {
    const bw = blockWeights(w, i);
    h = transformerBlock(o, h, bw, LN_EPS, (x) => attention(i, bw, x)); // (N, C)
  }
  h = layerNorm(o, h, { gain: w['lnf.g'], bias: w['lnf.b'] }, LN_EPS); // (N, C)
  return o.linear(h, w.wte); // (N, V), head tied to the token embedding
}

/** One-hot tokens (B*T, V) of sequences of length T -> next-character logits (B*T, V). */
export function charGptLogits<T>(o: LayerOps<T>, w: Record<string, T>, onehot: T, T: number, c: CharGptConfig): T {
  const shape = { tokens: T, width: c.nEmbd, heads: c.nHead }, mask = causalMask(o, T);
  const tok = o.matmul(onehot, w.wte); // (B*T, C)
  const h = addPositions(o, tok, o.slice(w.wpe, 0, 0, T), T, c.nEmbd); // (B*T, C)
  return blocksAndHead(o, w, h, c, (_, bw, x) => selfAttention(o, x, bw.attn, shape, mask)); // (B*T, V)
}

/**
 * Incremental decoding, S new tokens per sequence (S = 1 when sampling; S > 1 feeds a whole prompt
 * at once): one-hot tokens (B*S, V) and positions (B*S, blockSize), an additive mask (B*nh, S, P+S)
 * over [past, new] and each layer's cache (B*nh, P, hs) -> logits (B*S, V) and the caches grown to
 * P+S. The same blocks as charGptLogits, so each position gives the logits of the full forward there
 * (up to float rounding).
 */
export function charGptStep<T>(o: LayerOps<T>, w: Record<string, T>, onehot: T, position: T, mask: T, past: KvCache<T>[], c: CharGptConfig, tokens = 1): { logits: T; cache: KvCache<T>[] } {
  const shape = { tokens, width: c.nEmbd, heads: c.nHead }, cache: KvCache<T>[] = [];
  const h = o.add(o.matmul(onehot, w.wte), o.matmul(position, w.wpe)); // (B*S, C)
  const logits = blocksAndHead(o, w, h, c, (i, bw, x) => {
    const r = cachedSelfAttention(o, x, bw.attn, shape, past[i], mask);
    cache.push(r.cache);
    return r.y; // (B*S, C)
  });
  return { logits, cache }; // (B*S, V), nLayer x 2 x (B*nh, P+S, hs)
}

// ---------------------------------------------------------------- tfjs

export type Params = TfParams;

/** ids (B, T) -> logits (B*T, vocab). */
export function forward(p: Params, ids: tf.Tensor2D, cfg: CharGptConfig): tf.Tensor2D {
  const onehot = tf.oneHot(tf.reshape(ids, [-1]), cfg.vocabSize); // (B*T, V)
  return charGptLogits(tfOps, p, onehot, ids.shape[1], cfg) as tf.Tensor2D;
}

/** Mean next-character cross-entropy in nats; targets (B, T). */
export function loss(p: Params, ids: tf.Tensor2D, targets: tf.Tensor2D, cfg: CharGptConfig): tf.Scalar {
  const logits = forward(p, ids, cfg); // (B*T, V)
  const oneHot = tf.oneHot(tf.reshape(targets, [-1]), cfg.vocabSize); // (B*T, V)
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), -1))) as tf.Scalar;
}

export const paramsFromWeightSet = toTf;
export { disposeParams };

/**
 * Samples continuations for a batch of prompts (token ids) with the tfjs forward. No KV cache:
 * each step re-reads the last blockSize characters of every row, right-padded, so rows of
 * different lengths share one forward.
 */
export function generateBatch(p: Params, prompts: number[][], cfg: CharGptConfig, o: SampleOptions): Promise<number[][]> {
  const next = async (seqs: readonly number[][]) => {
    const rows = seqs.map((s) => s.slice(-cfg.blockSize));
    const L = Math.max(...rows.map((w) => w.length));
    const flat = new Int32Array(rows.length * L);
    rows.forEach((w, r) => flat.set(w, r * L));
    const logits = tf.tidy(() => {
      const all = forward(p, tf.tensor2d(flat, [rows.length, L], 'int32'), cfg); // (B*L, V)
      return tf.gather(all, tf.tensor1d(rows.map((w, r) => r * L + w.length - 1), 'int32')); // (B, V)
    });
    const data = (await logits.data()) as Float32Array;
    logits.dispose();
    return data;
  };
  return sampleChars(next, prompts, cfg.vocabSize, o);
}

// ---------------------------------------------------------------- ONNX

/**
 * Every weight as a graph input (fed per run: one live session takes any edited model), or, given
 * `weights`, baked in as initializers: no per-run copy of the 2.4 MB of weights, which dominates a
 * one-token step, at the cost of one session per weight set.
 */
function weightValues(g: GraphBuilder, c: CharGptConfig, weights?: WeightSet): Record<string, string> {
  return Object.fromEntries(Object.entries(paramShapes(c)).map(([name, shape]) => [name, g.weight(name, shape, weights?.tensors[name].data)]));
}

export const ONEHOT_INPUT = 'onehot';
export const CHAR_LOGITS_OUTPUT = 'logits';

/**
 * The network as an ONNX graph for a fixed context length T. Every weight is a graph INPUT under
 * its WeightSet name (unless `weights` are given, see weightValues), so a page can feed an edited
 * model (e.g. a negation at any lambda) to one live session. Tokens enter one-hot, which keeps the
 * graph free of int inputs.
 * Inputs: onehot (B, T, vocab), each weight tensor. Output: logits (B, T, vocab). Shorter prompts
 * are right-padded: attention is causal, so position t never sees the padding after it.
 */
export function buildCharGptGraph(c: CharGptConfig = DEFAULT_CHAR_GPT_CONFIG, T = c.blockSize, weights?: WeightSet): Uint8Array {
  const g = new GraphBuilder(), o = onnxOps(g), V = c.vocabSize;
  const onehot = g.input(ONEHOT_INPUT, ['batch', T, V]);
  const w = weightValues(g, c, weights);
  const logits = charGptLogits(o, w, o.reshape(onehot, [-1, V]), T, c); // (B*T, V)
  g.output(o.reshape(logits, [-1, T, V]), CHAR_LOGITS_OUTPUT, ['batch', T, V]);
  return g.toModel('char_gpt', `char GPT ${JSON.stringify(c)}, T=${T}; weights are inputs`);
}

export const STEP_ONEHOT = 'onehot';
export const STEP_POSITION = 'position';
export const STEP_MASK = 'mask';
export const STEP_LOGITS = 'logits';
/** Cache input and output names of layer i. */
export const pastKeys = (i: number): string => `past_keys.${i}`;
export const pastValues = (i: number): string => `past_values.${i}`;
export const presentKeys = (i: number): string => `present_keys.${i}`;
export const presentValues = (i: number): string => `present_values.${i}`;

/**
 * The incremental-decoding graph (charGptStep) for S = `tokens` new tokens per row: weights as in
 * buildCharGptGraph, plus onehot (B*S, V), position (B*S, blockSize) one-hot, mask (B*nh, S, P+S) and
 * past_keys.i / past_values.i (B*nh, P, hs); outputs logits (B*S, V) and present_keys.i /
 * present_values.i (B*nh, P+S, hs), which feed the next step. P may be 0.
 */
export function buildCharGptStepGraph(c: CharGptConfig = DEFAULT_CHAR_GPT_CONFIG, weights?: WeightSet, tokens = 1): Uint8Array {
  const g = new GraphBuilder(), o = onnxOps(g), V = c.vocabSize, hs = c.nEmbd / c.nHead;
  const onehot = g.input(STEP_ONEHOT, ['rows', V]);
  const position = g.input(STEP_POSITION, ['rows', c.blockSize]);
  const mask = g.input(STEP_MASK, ['batch_heads', tokens, 'total']);
  const w = weightValues(g, c, weights);
  const past = Array.from({ length: c.nLayer }, (_, i) => ({ keys: g.input(pastKeys(i), ['batch_heads', 'past', hs]), values: g.input(pastValues(i), ['batch_heads', 'past', hs]) }));
  const { logits, cache } = charGptStep(o, w, onehot, position, mask, past, c, tokens);
  g.output(logits, STEP_LOGITS, ['rows', V]);
  cache.forEach((kv, i) => {
    g.output(kv.keys, presentKeys(i), ['batch_heads', 'total', hs]);
    g.output(kv.values, presentValues(i), ['batch_heads', 'total', hs]);
  });
  return g.toModel('char_gpt_step', `char GPT ${JSON.stringify(c)}, ${tokens} token(s) per step with a KV cache; weights are inputs`);
}
