/**
 * Multi-head self-attention on a flattened (B*T, C) stream, written once for every family.
 * Heads are folded into the batch axis, (B*nh, T, hs), so every matmul is a plain batched 3-D one.
 */
import { gelu, linear, type LinearWeights, layerNorm, mlp, type MlpWeights, type NormWeights } from './blocks';
import type { LayerOps } from './layer-ops';

export interface AttentionWeights<T> {
  /** Fused query/key/value projection [3C, C]. */
  qkv: LinearWeights<T>;
  proj: LinearWeights<T>;
}

export interface AttentionShape {
  /** Tokens per sequence. */
  tokens: number;
  width: number;
  heads: number;
}

/** (B*T, C) -> (B*nh, T, hs). */
function toHeads<T>(o: LayerOps<T>, x: T, s: AttentionShape): T {
  const hs = s.width / s.heads;
  const split = o.reshape(x, [-1, s.tokens, s.heads, hs]); // (B, T, nh, hs)
  return o.reshape(o.transpose(split, [0, 2, 1, 3]), [-1, s.tokens, hs]); // (B*nh, T, hs)
}

/** (B*nh, T, hs) -> (B*T, C). */
function fromHeads<T>(o: LayerOps<T>, y: T, s: AttentionShape): T {
  const hs = s.width / s.heads;
  const split = o.reshape(y, [-1, s.heads, s.tokens, hs]); // (B, nh, T, hs)
  return o.reshape(o.transpose(split, [0, 2, 1, 3]), [-1, s.width]); // (B*T, C)
}

/**
 * softmax(q k^T / sqrt(hs) + mask) v, projected. `mask` is additive (T, T): -1e9 above the
 * diagonal makes it causal; without one every token sees every token.
 */
export function selfAttention<T>(o: LayerOps<T>, x: T, w: AttentionWeights<T>, s: AttentionShape, mask?: T): T {
  const hs = s.width / s.heads;
  const qkv = linear(o, x, w.qkv); // (B*T, 3C)
  const [q, k, v] = o.split(qkv, 3, 1).map((z) => toHeads(o, z, s)); // 3 x (B*nh, T, hs)
  const scores = o.mulScalar(o.matmul(q, o.transpose(k, [0, 2, 1])), 1 / Math.sqrt(hs)); // (B*nh, T, T)
  const att = o.softmax(mask === undefined ? scores : o.add(scores, mask)); // (B*nh, T, T)
  const y = o.matmul(att, v); // (B*nh, T, hs)
  return linear(o, fromHeads(o, y, s), w.proj); // (B*T, C)
}

/** Additive causal mask (T, T): 0 on and below the diagonal, -1e9 above. */
export function causalMask<T>(o: LayerOps<T>, T: number): T {
  return o.constant(Float32Array.from({ length: T * T }, (_, i) => (i % T > Math.floor(i / T) ? -1e9 : 0)), [T, T]);
}

export interface TransformerBlockWeights<T> {
  ln1: NormWeights<T>;
  attn: AttentionWeights<T>;
  ln2: NormWeights<T>;
  mlp: MlpWeights<T>;
}

/** Pre-norm transformer block (GPT-2, ViT): x + attn(ln1(x)), then + mlp(ln2(x)), GELU inside. */
export function transformerBlock<T>(o: LayerOps<T>, x: T, w: TransformerBlockWeights<T>, s: AttentionShape, eps: number, mask?: T): T {
  const h = o.add(x, selfAttention(o, layerNorm(o, x, w.ln1, eps), w.attn, s, mask)); // (B*T, C)
  return o.add(h, mlp(o, layerNorm(o, h, w.ln2, eps), w.mlp, gelu)); // (B*T, C)
}
