/**
 * A tiny DiT-style flow-matching denoiser for 16x16 RGB icons. Reads top to bottom: config,
 * parameter shapes, init, the forward pass (written once against LayerOps), then the tfjs forward
 * (training, tests) and the ONNX graph (the browser) made from it.
 * Flow matching: x_t = t * x_data + (1 - t) * noise, the network predicts v = x_data - noise,
 * and the sampler integrates dx/dt = v from t = 0 (noise) to t = 1 (data).
 * Tokens are 4x4x3 patches (16 tokens). Conditioning c = MLP(sinusoid(t)) + E onehot(class);
 * every block is modulated by adaLN-Zero (shift/scale/gate from c, zero-initialised so each block
 * starts as identity). Class K (one past the last icon) is the "no class" label used for
 * classifier-free guidance. Matmul-only (one-hot embedding, reshape patchify) because the wasm
 * backend has no gather/conv gradients; matrices are stored [out, in].
 */
import type * as tf from '@tensorflow/tfjs-core';
import { GraphBuilder } from './layers/graph-builder';
import type { Tensor, WeightSet } from '../tensors/weight-set';
import { gaussian, mulberry32 } from '../util/random';
import { gated, modulate } from './layers/adaln';
import { selfAttention } from './layers/attention';
import { addPositions, linear, type LinearWeights, mlp, patchify, silu, unpatchify } from './layers/blocks';
import type { LayerOps } from './layers/layer-ops';
import { onnxOps } from './layers/onnx-ops';
import { type TfParams, toTf } from './layers/tf-params';
import { tfOps } from './layers/tf-ops';

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

export type { TfParams };

// ---------------------------------------------------------------- forward, written once

const lin = <T>(w: Record<string, T>, name: string): LinearWeights<T> => ({ weight: w[`${name}.weight`], bias: w[`${name}.bias`] });

/** Conditioning (B, C) = silu(MLP(sinusoid(t)) + E onehot): t (B,) in [0, 1], onehot (B, K+1). */
function conditioning<T>(o: LayerOps<T>, w: Record<string, T>, t: T, onehot: T, c: DitConfig): T {
  const args = o.mul(o.reshape(t, [-1, 1]), o.constant(timeFrequencies(c), [1, c.timeFreqs])); // (B, F)
  const temb = o.concat([o.sin(args), o.cos(args)], 1); // (B, 2F)
  const tc = linear(o, silu(o, linear(o, temb, lin(w, 't_mlp.fc1'))), lin(w, 't_mlp.fc2')); // (B, C)
  return silu(o, o.add(tc, o.linear(onehot, w['class_embed.weight']))); // (B, C)
}

/** One adaLN-Zero block: attention and MLP on modulated norms, each added back through a gate. */
function ditBlock<T>(o: LayerOps<T>, w: Record<string, T>, b: string, h: T, cond: T, c: DitConfig): T {
  const T = ditTokens(c), C = c.width, shape = { tokens: T, width: C, heads: c.heads };
  const [sh1, sc1, g1, sh2, sc2, g2] = o.split(linear(o, cond, lin(w, `${b}.ada`)), 6, 1); // 6 x (B, C)
  const attn = selfAttention(o, modulate(o, o.normalize(h, C, c.lnEps), sh1, sc1, T, C), { qkv: lin(w, `${b}.attn.qkv`), proj: lin(w, `${b}.attn.proj`) }, shape); // (B*T, C)
  h = o.add(h, gated(o, g1, attn, T, C)); // (B*T, C)
  const m = mlp(o, modulate(o, o.normalize(h, C, c.lnEps), sh2, sc2, T, C), { fc1: lin(w, `${b}.mlp.fc1`), fc2: lin(w, `${b}.mlp.fc2`) }, silu); // (B*T, C)
  return o.add(h, gated(o, g2, m, T, C)); // (B*T, C)
}

/** Velocity v (B, 768) for x (B, 768) in data space, t (B,) and class one-hots (B, K+1). */
export function ditVelocity<T>(o: LayerOps<T>, w: Record<string, T>, x: T, t: T, onehot: T, c: DitConfig): T {
  const T = ditTokens(c), C = c.width;
  let h = linear(o, patchify(o, x, c.imageSize, c.patchSize, c.channels), lin(w, 'patch_embed')); // (B*T, C)
  h = addPositions(o, h, w.pos_embed, T, C); // (B*T, C)
  const cond = conditioning(o, w, t, onehot, c); // (B, C)
  for (let i = 0; i < c.depth; i++) h = ditBlock(o, w, `blocks.${i}`, h, cond, c); // (B*T, C)
  const [shift, scale] = o.split(linear(o, cond, lin(w, 'final.ada')), 2, 1); // 2 x (B, C)
  const out = linear(o, modulate(o, o.normalize(h, C, c.lnEps), shift, scale, T, C), lin(w, 'final.linear')); // (B*T, P*P*ch)
  return unpatchify(o, out, c.imageSize, c.patchSize, c.channels); // (B, 768)
}

// ---------------------------------------------------------------- tfjs

/** Velocity prediction on tfjs: x (B, 768), t (B,), labels one-hot (B, K+1) -> (B, 768). */
export const ditForward = (p: TfParams, x: tf.Tensor, t: tf.Tensor, onehot: tf.Tensor, c: DitConfig = DEFAULT_DIT): tf.Tensor2D =>
  ditVelocity(tfOps, p, x, t, onehot, c) as tf.Tensor2D;

/** WeightSet -> tf tensors (caller disposes). */
export const ditToTf = toTf;

// ---------------------------------------------------------------- ONNX

export const DIT_X = 'x';
export const DIT_T = 't';
export const DIT_ONEHOT = 'onehot';
export const DIT_V = 'v';

/**
 * The denoiser as an ONNX graph. Weights are graph INPUTS: ORT cannot replace initializers in a
 * live session, and the style page feeds freshly mixed weights on every slider move.
 * Inputs: x (B, 768), t (B), onehot (B, K+1), every weight by name. Output: v (B, 768).
 */
export function buildDitGraph(c: DitConfig = DEFAULT_DIT): Uint8Array {
  const g = new GraphBuilder(), D = ditPixels(c);
  const x = g.input(DIT_X, ['batch', D]);
  const t = g.input(DIT_T, ['batch']);
  const onehot = g.input(DIT_ONEHOT, ['batch', c.classes + 1]);
  const w: Record<string, string> = {};
  for (const [name, shape] of Object.entries(ditShapes(c))) w[name] = g.input(name, shape);
  g.output(ditVelocity(onnxOps(g), w, x, t, onehot, c), DIT_V, ['batch', D]);
  return g.toModel('tiny_dit', `tiny DiT ${JSON.stringify(c)}; weights are inputs`);
}
