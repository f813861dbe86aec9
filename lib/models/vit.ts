/**
 * A tiny vision transformer encoder for 28x28 grayscale images, in TensorFlow.js.
 * Reads top to bottom: config, parameter shapes, init, forward. Written for the wasm backend,
 * which lacks conv and gather gradients: the patch embedding is a reshape + matmul, and every
 * matmul goes through `matmul` below, whose gradient transposes explicitly (wasm's transposeA/B
 * kernels are 10-25x slower). Matrices are stored [out, in], as METHOD.md's d_out x d_in.
 * The heads are separate tensors ("head.weight" [K, C], "head.bias" [K]) so task vectors cover
 * the encoder only.
 */
import * as tf from '@tensorflow/tfjs';
import { matmul, swapLast } from './explicit-matmul';
import { gaussian, mulberry32 } from '../datasets/merge/random';
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
  const rand = () => gaussian(rng);
  const tensors: Record<string, Tensor> = {};
  for (const [name, shape] of Object.entries(shapes)) tensors[name] = initTensor(name, shape, rand);
  return { tensors };
}

export const initEncoder = (c: VitConfig, seed: number): WeightSet => initWeights(encoderShapes(c), seed);
export const initHead = (c: VitConfig, classes: number, seed: number): WeightSet => initWeights(headShapes(c, classes), seed);

export type TfParams = Record<string, tf.Tensor>;

/** WeightSet -> tf tensors (caller disposes). */
export function toTf(ws: WeightSet): TfParams {
  return Object.fromEntries(Object.entries(ws.tensors).map(([k, t]) => [k, tf.tensor(t.data, t.shape)]));
}

export async function fromTf(params: TfParams): Promise<WeightSet> {
  const tensors: Record<string, Tensor> = {};
  for (const [k, t] of Object.entries(params)) tensors[k] = { shape: [...t.shape], data: new Float32Array(await t.data()) };
  return { tensors };
}

/** x (N, in) with W [out, in], b [out] -> (N, out). */
const linear = (x: tf.Tensor, p: TfParams, name: string): tf.Tensor =>
  tf.add(matmul(x, tf.transpose(p[`${name}.weight`])), p[`${name}.bias`]);

function layerNorm(x: tf.Tensor, p: TfParams, name: string, eps: number): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, eps))), p[`${name}.weight`]), p[`${name}.bias`]);
}

/** GELU, tanh form: the ONNX export builds the same expression from primitives (opset 17 has no Gelu). */
export function gelu(x: tf.Tensor): tf.Tensor {
  const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.mul(x, tf.mul(x, x)))));
  return tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(inner)));
}

/** Images (B, 784) in [0, 1] -> pooled features (B, C). */
export function encode(p: TfParams, images: tf.Tensor, c: VitConfig = DEFAULT_VIT): tf.Tensor2D {
  const B = images.shape[0], g = c.imageSize / c.patchSize, T = g * g, C = c.width, nh = c.heads, hs = C / nh;
  let x = tf.reshape(images, [B, g, c.patchSize, g, c.patchSize]); // (B, gy, py, gx, px)
  x = tf.transpose(x, [0, 1, 3, 2, 4]); // (B, gy, gx, py, px)
  x = tf.reshape(x, [B * T, c.patchSize * c.patchSize]); // (B*T, P)
  let h = linear(x, p, 'patch_embed'); // (B*T, C)
  h = tf.reshape(tf.add(tf.reshape(h, [B, T, C]), p.pos_embed), [B * T, C]); // (B*T, C)

  for (let i = 0; i < c.depth; i++) {
    const b = `blocks.${i}`;
    const qkv = linear(layerNorm(h, p, `${b}.ln1`, c.lnEps), p, `${b}.attn.qkv`); // (B*T, 3C)
    const heads = tf.split(qkv, 3, 1).map((t) => tf.reshape(tf.transpose(tf.reshape(t, [B, T, nh, hs]), [0, 2, 1, 3]), [B * nh, T, hs])); // 3 x (B*nh, T, hs)
    const [q, k, v] = heads;
    const att = tf.softmax(tf.mul(matmul(q, swapLast(k)), 1 / Math.sqrt(hs))); // (B*nh, T, T)
    let y = matmul(att, v); // (B*nh, T, hs)
    y = tf.reshape(tf.transpose(tf.reshape(y, [B, nh, T, hs]), [0, 2, 1, 3]), [B * T, C]); // (B*T, C)
    h = tf.add(h, linear(y, p, `${b}.attn.proj`)); // (B*T, C)
    const m = gelu(linear(layerNorm(h, p, `${b}.ln2`, c.lnEps), p, `${b}.mlp.fc1`)); // (B*T, 4C)
    h = tf.add(h, linear(m, p, `${b}.mlp.fc2`)); // (B*T, C)
  }
  h = layerNorm(h, p, 'ln_f', c.lnEps); // (B*T, C)
  return tf.mean(tf.reshape(h, [B, T, C]), 1) as tf.Tensor2D; // (B, C)
}

/** Pooled features (B, C) -> logits (B, K) with a task head. */
export const headLogits = (head: TfParams, features: tf.Tensor): tf.Tensor2D => linear(features, head, 'head') as tf.Tensor2D;

/** Images (B, 784) -> logits (B, K). */
export const classify = (enc: TfParams, head: TfParams, images: tf.Tensor, c: VitConfig = DEFAULT_VIT): tf.Tensor2D =>
  headLogits(head, encode(enc, images, c));
