/**
 * A tiny vision transformer encoder for 28x28 grayscale images, with a task head.
 * Reads top to bottom: config, parameter shapes, init, the forward pass (written once against
 * LayerOps), then the two things made from it: the tfjs forward (training, tests) and the ONNX
 * graph (the browser). The patch embedding is a reshape + matmul, since tfjs wasm lacks conv
 * gradients. Matrices are stored [out, in], as METHOD.md's d_out x d_in. The heads are separate
 * tensors ("head.weight" [K, C], "head.bias" [K]) so task vectors cover the encoder only.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { GraphBuilder } from './layers/graph-builder';
import { selfAttention, type TransformerBlockWeights, transformerBlock } from './layers/attention';
import { addPositions, layerNorm, linear, patchify } from './layers/blocks';
import type { LayerOps } from './layers/layer-ops';
import { onnxOps } from './layers/onnx-ops';
import { type TfParams, toTf, fromTf } from './layers/tf-params';
import { tfOps } from './layers/tf-ops';
import { mulberry32, standardNormal } from '../util/random';
import type { Tensor, WeightSet } from '../tensors/weight-set';

export interface VitConfig {
  /** Square input side in pixels. */
  imageSize: number;
  /** 4 gives 49 tokens: enough spatial detail for glyph strokes, cheap enough to train on one core. */
  patchSize: number;
  /** Width 64 keeps one encoder ~100k parameters (~200 KB in fp16). */
  width: number;
  depth: number;
  heads: number;
  mlpRatio: number;
  lnEps: number;
}

export const DEFAULT_VIT: VitConfig = { imageSize: 28, patchSize: 4, width: 64, depth: 2, heads: 4, mlpRatio: 4, lnEps: 1e-5 };

export const numTokens = (c: VitConfig): number => (c.imageSize / c.patchSize) ** 2;

/** Encoder parameter names and shapes, in file order. */
export function encoderShapes(c: VitConfig): Record<string, number[]> {
  const C = c.width, P = c.patchSize * c.patchSize, H = c.width * c.mlpRatio;
  const s: Record<string, number[]> = { 'patch_embed.weight': [C, P], 'patch_embed.bias': [C], pos_embed: [numTokens(c), C] };
  for (let i = 0; i < c.depth; i++) {
    const b = `blocks.${i}`;
    Object.assign(s, {
      [`${b}.ln1.weight`]: [C], [`${b}.ln1.bias`]: [C],
      [`${b}.attn.qkv.weight`]: [3 * C, C], [`${b}.attn.qkv.bias`]: [3 * C],
      [`${b}.attn.proj.weight`]: [C, C], [`${b}.attn.proj.bias`]: [C],
      [`${b}.ln2.weight`]: [C], [`${b}.ln2.bias`]: [C],
      [`${b}.mlp.fc1.weight`]: [H, C], [`${b}.mlp.fc1.bias`]: [H],
      [`${b}.mlp.fc2.weight`]: [C, H], [`${b}.mlp.fc2.bias`]: [C],
    });
  }
  s['ln_f.weight'] = [C];
  s['ln_f.bias'] = [C];
  return s;
}

export const headShapes = (c: VitConfig, classes: number): Record<string, number[]> => ({ 'head.weight': [classes, c.width], 'head.bias': [classes] });

function initTensor(name: string, shape: number[], rand: () => number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  if (name.endsWith('ln1.weight') || name.endsWith('ln2.weight') || name.endsWith('ln_f.weight')) data.fill(1);
  else if (shape.length > 1 || name === 'pos_embed') {
    // Fan-in scaled for matrices; small noise for positions (learned).
    const std = name === 'pos_embed' ? 0.02 : 1 / Math.sqrt(shape[shape.length - 1]);
    for (let i = 0; i < n; i++) data[i] = std * rand();
  }
  return { shape: [...shape], data };
}

export function initWeights(shapes: Record<string, number[]>, seed: number): WeightSet {
  const rng = mulberry32(seed);
  const rand = () => standardNormal(rng);
  const tensors: Record<string, Tensor> = {};
  for (const [name, shape] of Object.entries(shapes)) tensors[name] = initTensor(name, shape, rand);
  return { tensors };
}

export const initEncoder = (c: VitConfig, seed: number): WeightSet => initWeights(encoderShapes(c), seed);
export const initHead = (c: VitConfig, classes: number, seed: number): WeightSet => initWeights(headShapes(c, classes), seed);

export { type TfParams, toTf, fromTf };

// ---------------------------------------------------------------- forward, written once

const blockWeights = <T>(w: Record<string, T>, b: string): TransformerBlockWeights<T> => ({
  ln1: { gain: w[`${b}.ln1.weight`], bias: w[`${b}.ln1.bias`] },
  attn: { qkv: { weight: w[`${b}.attn.qkv.weight`], bias: w[`${b}.attn.qkv.bias`] }, proj: { weight: w[`${b}.attn.proj.weight`], bias: w[`${b}.attn.proj.bias`] } },
  ln2: { gain: w[`${b}.ln2.weight`], bias: w[`${b}.ln2.bias`] },
  mlp: { fc1: { weight: w[`${b}.mlp.fc1.weight`], bias: w[`${b}.mlp.fc1.bias`] }, fc2: { weight: w[`${b}.mlp.fc2.weight`], bias: w[`${b}.mlp.fc2.bias`] } },
});

/** Images (B, 784) in [0, 1] -> mean-pooled features (B, C). */
export function vitEncoder<T>(o: LayerOps<T>, w: Record<string, T>, images: T, c: VitConfig): T {
  const T = numTokens(c), C = c.width, shape = { tokens: T, width: C, heads: c.heads };
  const patches = patchify(o, images, c.imageSize, c.patchSize, 1); // (B*T, P*P)
  let h = linear(o, patches, { weight: w['patch_embed.weight'], bias: w['patch_embed.bias'] }); // (B*T, C)
  h = addPositions(o, h, w.pos_embed, T, C); // (B*T, C)
  for (let i = 0; i < c.depth; i++) {
    const bw = blockWeights(w, `blocks.${i}`);
    h = transformerBlock(o, h, bw, c.lnEps, (x) => selfAttention(o, x, bw.attn, shape)); // (B*T, C)
  }
  h = layerNorm(o, h, { gain: w['ln_f.weight'], bias: w['ln_f.bias'] }, c.lnEps); // (B*T, C)
  return o.mean(o.reshape(h, [-1, T, C]), 1); // (B, C)
}

/** Features (B, C) -> logits (B, K). */
export const vitHead = <T>(o: LayerOps<T>, w: Record<string, T>, features: T): T => linear(o, features, { weight: w['head.weight'], bias: w['head.bias'] });

// ---------------------------------------------------------------- tfjs

/** Images (B, 784) in [0, 1] -> pooled features (B, C). */
export const encode = (p: TfParams, images: tf.Tensor, c: VitConfig = DEFAULT_VIT): tf.Tensor2D => vitEncoder(tfOps, p, images, c) as tf.Tensor2D;

/** Pooled features (B, C) -> logits (B, K) with a task head. */
export const headLogits = (head: TfParams, features: tf.Tensor): tf.Tensor2D => vitHead(tfOps, head, features) as tf.Tensor2D;

/** Images (B, 784) -> logits (B, K). */
export const classify = (enc: TfParams, head: TfParams, images: tf.Tensor, c: VitConfig = DEFAULT_VIT): tf.Tensor2D =>
  headLogits(head, encode(enc, images, c));

// ---------------------------------------------------------------- ONNX

export const IMAGES_INPUT = 'images';
export const LOGITS_OUTPUT = 'logits';
export const FEATURES_OUTPUT = 'features';

/**
 * The encoder + task head as an ONNX graph. Encoder weights and the head are graph INPUTS, not
 * initializers: ORT cannot replace initializers in a live session, and the page feeds edited
 * (merged) weights on every change without rebuilding anything.
 * Inputs: images (B, 784), every encoder tensor by its WeightSet name, head.weight (K, C),
 * head.bias (K). Outputs: logits (B, K), features (B, C).
 */
export function buildVitGraph(c: VitConfig = DEFAULT_VIT): Uint8Array {
  const g = new GraphBuilder(), o = onnxOps(g);
  const images = g.input(IMAGES_INPUT, ['batch', c.imageSize * c.imageSize]);
  const w: Record<string, string> = {};
  for (const [name, shape] of Object.entries(encoderShapes(c))) w[name] = g.input(name, shape);
  const head = { 'head.weight': g.input('head.weight', ['classes', c.width]), 'head.bias': g.input('head.bias', ['classes']) };
  const features = vitEncoder(o, w, images, c); // (B, C)
  g.output(vitHead(o, head, features), LOGITS_OUTPUT, ['batch', 'classes']);
  g.output(features, FEATURES_OUTPUT, ['batch', c.width]);
  return g.toModel('vit_classifier', `ViT ${JSON.stringify(c)}; weights are inputs`);
}
