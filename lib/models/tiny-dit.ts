/**
 * A tiny DiT-style flow-matching denoiser for 16x16 RGB icons, in TensorFlow.js.
 * Flow matching: x_t = t * x_data + (1 - t) * noise, the network predicts v = x_data - noise,
 * and the sampler integrates dx/dt = v from t = 0 (noise) to t = 1 (data).
 * Tokens are 4x4x3 patches (16 tokens). Conditioning c = MLP(sinusoid(t)) + E onehot(class);
 * every block is modulated by adaLN-Zero (shift/scale/gate from c, zero-initialised so each block
 * starts as identity). Class K (one past the last icon) is the "no class" label used for
 * classifier-free guidance. Matmul-only (one-hot embedding, reshape patchify) because the wasm
 * backend has no gather/conv gradients; matrices are stored [out, in].
 */
import * as tf from '@tensorflow/tfjs';
import { gaussian, mulberry32 } from '../util/random';
import type { Tensor, WeightSet } from '../tensors/weight-set';
import { matmul } from './layers/explicit-matmul';

export interface DitConfig {
  imageSize: number;
  channels: number;
  patchSize: number;
  /** 96 wide x 3 deep trains at a few steps/s on one wasm core: a 30-minute base is feasible. */
  width: number;
  depth: number;
  heads: number;
  mlpRatio: number;
  /** Icon classes; the label `classes` itself means "unconditional". */
  classes: number;
  /** Sinusoid frequencies for t (the embedding has 2x this many features). */
  timeFreqs: number;
  lnEps: number;
}

export const DEFAULT_DIT: DitConfig = { imageSize: 16, channels: 3, patchSize: 4, width: 96, depth: 3, heads: 4, mlpRatio: 4, classes: 200, timeFreqs: 32, lnEps: 1e-6 };

export const ditTokens = (c: DitConfig): number => (c.imageSize / c.patchSize) ** 2;
export const ditPatchDim = (c: DitConfig): number => c.patchSize * c.patchSize * c.channels;
export const ditPixels = (c: DitConfig): number => c.imageSize * c.imageSize * c.channels;

/** Frequencies 1000^(-k/F) scaled by 1000 t, as in DiT's timestep embedding (t in [0, 1]). */
export const timeFrequencies = (c: DitConfig): Float32Array =>
  Float32Array.from({ length: c.timeFreqs }, (_, k) => 1000 * Math.exp((-Math.log(1000) * k) / c.timeFreqs));

export function ditShapes(c: DitConfig): Record<string, number[]> {
  const C = c.width, P = ditPatchDim(c), H = C * c.mlpRatio;
  const s: Record<string, number[]> = {
    'patch_embed.weight': [C, P], 'patch_embed.bias': [C], pos_embed: [ditTokens(c), C],
    't_mlp.fc1.weight': [C, 2 * c.timeFreqs], 't_mlp.fc1.bias': [C], 't_mlp.fc2.weight': [C, C], 't_mlp.fc2.bias': [C],
    'class_embed.weight': [C, c.classes + 1],
  };
  for (let i = 0; i < c.depth; i++) {
    const b = `blocks.${i}`;
    Object.assign(s, {
      [`${b}.ada.weight`]: [6 * C, C], [`${b}.ada.bias`]: [6 * C],
      [`${b}.attn.qkv.weight`]: [3 * C, C], [`${b}.attn.qkv.bias`]: [3 * C],
      [`${b}.attn.proj.weight`]: [C, C], [`${b}.attn.proj.bias`]: [C],
      [`${b}.mlp.fc1.weight`]: [H, C], [`${b}.mlp.fc1.bias`]: [H],
      [`${b}.mlp.fc2.weight`]: [C, H], [`${b}.mlp.fc2.bias`]: [C],
    });
  }
  Object.assign(s, { 'final.ada.weight': [2 * C, C], 'final.ada.bias': [2 * C], 'final.linear.weight': [P, C], 'final.linear.bias': [P] });
  return s;
}

/** adaLN-Zero: modulations and the output layer start at zero; everything else fan-in scaled. */
export function initDit(c: DitConfig, seed: number): WeightSet {
  const rng = mulberry32(seed), g = gaussian(rng);
  const tensors: Record<string, Tensor> = {};
  for (const [name, shape] of Object.entries(ditShapes(c))) {
    const n = shape.reduce((a, b) => a * b, 1), data = new Float32Array(n);
    const zero = name.includes('.ada.') || name.startsWith('final.linear') || shape.length === 1;
    if (!zero) {
      const std = name === 'pos_embed' || name === 'class_embed.weight' ? 0.5 : 1 / Math.sqrt(shape[shape.length - 1]);
      for (let i = 0; i < n; i++) data[i] = std * g();
    }
    tensors[name] = { shape: [...shape], data };
  }
  return { tensors };
}

export type TfParams = Record<string, tf.Tensor>;

/** x (N, in) with W [out, in], b [out] -> (N, out). */
const linear = (x: tf.Tensor, p: TfParams, name: string): tf.Tensor => tf.add(matmul(x, tf.transpose(p[`${name}.weight`])), p[`${name}.bias`]);

const silu = (x: tf.Tensor): tf.Tensor => tf.mul(x, tf.sigmoid(x));

/** LayerNorm without affine parameters (adaLN supplies scale and shift). */
function norm(x: tf.Tensor, eps: number): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, eps)));
}

/** h (B*T, C) * (1 + scale) + shift, with (B, C) modulations broadcast over tokens. */
function modulate(h: tf.Tensor, shift: tf.Tensor, scale: tf.Tensor, B: number, T: number, C: number): tf.Tensor {
  const h3 = tf.reshape(h, [B, T, C]);
  return tf.reshape(tf.add(tf.mul(h3, tf.add(1, tf.expandDims(scale, 1))), tf.expandDims(shift, 1)), [B * T, C]);
}

const gated = (gate: tf.Tensor, y: tf.Tensor, B: number, T: number, C: number): tf.Tensor =>
  tf.reshape(tf.mul(tf.expandDims(gate, 1), tf.reshape(y, [B, T, C])), [B * T, C]);

const swapLast = (x: tf.Tensor): tf.Tensor => tf.transpose(x, [0, 2, 1]);

/**
 * Velocity prediction. x (B, 768) in data space, t (B,) in [0, 1], labels one-hot (B, K+1).
 * Returns (B, 768).
 */
export function ditForward(p: TfParams, x: tf.Tensor, t: tf.Tensor, onehot: tf.Tensor, c: DitConfig = DEFAULT_DIT): tf.Tensor2D {
  const B = x.shape[0], g = c.imageSize / c.patchSize, T = ditTokens(c), C = c.width, nh = c.heads, hs = C / nh, P = c.patchSize, ch = c.channels;

  let xp = tf.reshape(x, [B, g, P, g, P, ch]); // (B, gy, py, gx, px, ch)
  xp = tf.transpose(xp, [0, 1, 3, 2, 4, 5]); // (B, gy, gx, py, px, ch)
  xp = tf.reshape(xp, [B * T, P * P * ch]); // (B*T, 48)
  let h = linear(xp, p, 'patch_embed'); // (B*T, C)
  h = tf.reshape(tf.add(tf.reshape(h, [B, T, C]), p.pos_embed), [B * T, C]);

  const args = tf.mul(tf.reshape(t, [B, 1]), tf.tensor2d(timeFrequencies(c), [1, c.timeFreqs])); // (B, F)
  const temb = tf.concat([tf.sin(args), tf.cos(args)], 1); // (B, 2F)
  const tc = linear(silu(linear(temb, p, 't_mlp.fc1')), p, 't_mlp.fc2'); // (B, C)
  const cond = silu(tf.add(tc, matmul(onehot, tf.transpose(p['class_embed.weight'])))); // (B, C)

  for (let i = 0; i < c.depth; i++) {
    const b = `blocks.${i}`;
    const [sh1, sc1, g1, sh2, sc2, g2] = tf.split(linear(cond, p, `${b}.ada`), 6, 1); // 6 x (B, C)
    const qkv = linear(modulate(norm(h, c.lnEps), sh1, sc1, B, T, C), p, `${b}.attn.qkv`); // (B*T, 3C)
    const [q, k, v] = tf.split(qkv, 3, 1).map((z) => tf.reshape(tf.transpose(tf.reshape(z, [B, T, nh, hs]), [0, 2, 1, 3]), [B * nh, T, hs]));
    const att = tf.softmax(tf.mul(matmul(q, swapLast(k)), 1 / Math.sqrt(hs))); // (B*nh, T, T)
    let y = matmul(att, v); // (B*nh, T, hs)
    y = tf.reshape(tf.transpose(tf.reshape(y, [B, nh, T, hs]), [0, 2, 1, 3]), [B * T, C]);
    h = tf.add(h, gated(g1, linear(y, p, `${b}.attn.proj`), B, T, C));
    const m = linear(silu(linear(modulate(norm(h, c.lnEps), sh2, sc2, B, T, C), p, `${b}.mlp.fc1`)), p, `${b}.mlp.fc2`); // (B*T, C)
    h = tf.add(h, gated(g2, m, B, T, C));
  }
  const [shf, scf] = tf.split(linear(cond, p, 'final.ada'), 2, 1);
  let out = linear(modulate(norm(h, c.lnEps), shf, scf, B, T, C), p, 'final.linear'); // (B*T, 48)
  out = tf.reshape(out, [B, g, g, P, P, ch]); // (B, gy, gx, py, px, ch)
  out = tf.transpose(out, [0, 1, 3, 2, 4, 5]); // (B, gy, py, gx, px, ch)
  return tf.reshape(out, [B, ditPixels(c)]) as tf.Tensor2D;
}

/** WeightSet -> tf tensors (caller disposes). */
export const ditToTf = (ws: WeightSet): TfParams => Object.fromEntries(Object.entries(ws.tensors).map(([k, t]) => [k, tf.tensor(t.data, t.shape)]));
