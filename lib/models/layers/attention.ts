/**
 * Multi-head self-attention on a flattened (B*T, C) stream, written once for every family, and the
 * pre-norm transformer block around it. Heads are folded into the batch axis, (B*nh, T, hs), so
 * every matmul is a plain batched 3-D one.
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

/** softmax(q k^T / sqrt(hs) + mask) v over heads folded into the batch: q (B*nh, S, hs), k and v (B*nh, L, hs). */
function attend<T>(o: LayerOps<T>, q: T, k: T, v: T, hs: number, mask?: T): T {
  const scores = o.mulScalar(o.matmul(q, o.transpose(k, [0, 2, 1])), 1 / Math.sqrt(hs)); // (B*nh, S, L)
  const att = o.softmax(mask === undefined ? scores : o.add(scores, mask)); // (B*nh, S, L)
  return o.matmul(att, v); // (B*nh, S, hs)
}

/**
 * Projects, attends and projects back. `mask` is additive (T, T): -1e9 above the diagonal makes it
 * causal; without one every token sees every token.
 */
export function selfAttention<T>(o: LayerOps<T>, x: T, w: AttentionWeights<T>, s: AttentionShape, mask?: T): T {
  const [q, k, v] = o.split(linear(o, x, w.qkv), 3, 1).map((z) => toHeads(o, z, s)); // 3 x (B*nh, T, hs)
  const y = attend(o, q, k, v, s.width / s.heads, mask); // (B*nh, T, hs)
  return linear(o, fromHeads(o, y, s), w.proj); // (B*T, C)
}

/** Keys and values of every earlier position, heads folded into the batch: (B*nh, P, hs) each. */
export interface KvCache<T> {
  keys: T;
  values: T;
}

/**
 * Self-attention of S new tokens per sequence against the cached past plus themselves, for
 * incremental decoding. `mask` (B*nh, S, P+S) is additive and per row, so rows may be padded.
 * Returns the output (B*S, C) and the grown cache (B*nh, P+S, hs).
 */
export function cachedSelfAttention<T>(o: LayerOps<T>, x: T, w: AttentionWeights<T>, s: AttentionShape, past: KvCache<T>, mask: T): { y: T; cache: KvCache<T> } {
  const [q, k, v] = o.split(linear(o, x, w.qkv), 3, 1).map((z) => toHeads(o, z, s)); // 3 x (B*nh, S, hs)
  const cache = { keys: o.concat([past.keys, k], 1), values: o.concat([past.values, v], 1) }; // 2 x (B*nh, P+S, hs)
  const y = attend(o, q, cache.keys, cache.values, s.width / s.heads, mask); // (B*nh, S, hs)
  return { y: linear(o, fromHeads(o, y, s), w.proj), cache }; // (B*S, C)
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

/**
 * Pre-norm transformer block (GPT-2, ViT): x + attention(ln1(x)), then + mlp(ln2(x)), GELU inside.
 * `attention` maps the normed (B*T, C) stream to (B*T, C): plain, causal or cached self-attention.
 */
export function transformerBlock<T>(o: LayerOps<T>, x: T, w: TransformerBlockWeights<T>, eps: number, attention: (h: T) => T): T {
  const h = o.add(x, attention(layerNorm(o, x, w.ln1, eps))); // (B*T, C)
  return o.add(h, mlp(o, layerNorm(o, h, w.ln2, eps), w.mlp, gelu)); // (B*T, C)
}
