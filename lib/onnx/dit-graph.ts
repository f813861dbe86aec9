/**
 * The tiny DiT denoiser of lib/models/tiny-dit.ts as an ONNX graph. Weights are graph INPUTS:
 * ORT cannot replace initializers in a live session, and the style page feeds freshly mixed
 * weights on every slider move without rebuilding the session.
 * Inputs: x (B, 768) in data space, t (B) in [0, 1], onehot (B, K+1), every weight by name.
 * Output: v (B, 768), the predicted velocity.
 */
import { onnx } from 'onnx-proto';
import { DEFAULT_DIT, type DitConfig, ditPatchDim, ditPixels, ditShapes, ditTokens, timeFrequencies } from '../models/tiny-dit';
import { GraphBuilder } from './graph-builder';

export const DIT_X = 'x';
export const DIT_T = 't';
export const DIT_ONEHOT = 'onehot';
export const DIT_V = 'v';

/** A float vector constant (GraphBuilder only has scalars). */
function floats(g: GraphBuilder, name: string, values: Float32Array | number[], dims: number[]): string {
  g.initializers.push({ name, dataType: onnx.TensorProto.DataType.FLOAT, dims, floatData: Array.from(values) });
  return name;
}

export function buildDitGraph(c: DitConfig = DEFAULT_DIT): Uint8Array {
  const g = new GraphBuilder();
  const gs = c.imageSize / c.patchSize, T = ditTokens(c), C = c.width, nh = c.heads, hs = C / nh, P = c.patchSize, ch = c.channels, D = ditPixels(c);
  const x = g.input(DIT_X, ['batch', D]);
  const t = g.input(DIT_T, ['batch']);
  const onehot = g.input(DIT_ONEHOT, ['batch', c.classes + 1]);
  const w: Record<string, string> = {};
  for (const [name, shape] of Object.entries(ditShapes(c))) w[name] = g.input(name, shape);

  const ones = floats(g, 'ln_ones', new Array(C).fill(1), [C]);
  const zeros = floats(g, 'ln_zeros', new Array(C).fill(0), [C]);
  const freqs = floats(g, 't_freqs', timeFrequencies(c), [1, c.timeFreqs]);

  const linear = (v: string, name: string) => g.op1('Gemm', [v, w[`${name}.weight`], w[`${name}.bias`]], { transB: 1 });
  const reshape = (v: string, shape: number[]) => g.op1('Reshape', [v, g.ints(shape)]);
  const transpose = (v: string, perm: number[]) => g.op1('Transpose', [v], { perm });
  const mul = (a: string, b: string) => g.op1('Mul', [a, b]);
  const add = (a: string, b: string) => g.op1('Add', [a, b]);
  const silu = (v: string) => mul(v, g.op1('Sigmoid', [v]));
  const norm = (v: string) => g.op1('LayerNormalization', [v, ones, zeros], { axis: -1, epsilon: c.lnEps });
  // (B*T, C) * (1 + scale) + shift with (B, C) modulations broadcast over tokens.
  const modulate = (h: string, shift: string, scale: string) =>
    reshape(add(mul(reshape(h, [-1, T, C]), add(g.scalar(1), reshape(scale, [-1, 1, C]))), reshape(shift, [-1, 1, C])), [-1, C]);
  const gated = (gate: string, y: string) => reshape(mul(reshape(gate, [-1, 1, C]), reshape(y, [-1, T, C])), [-1, C]);

  let xp = reshape(x, [-1, gs, P, gs, P, ch]); // (B, gy, py, gx, px, ch)
  xp = transpose(xp, [0, 1, 3, 2, 4, 5]); // (B, gy, gx, py, px, ch)
  xp = reshape(xp, [-1, ditPatchDim(c)]); // (B*T, 48)
  let h = linear(xp, 'patch_embed'); // (B*T, C)
  h = reshape(add(reshape(h, [-1, T, C]), w.pos_embed), [-1, C]);

  const args = mul(reshape(t, [-1, 1]), freqs); // (B, F)
  const temb = g.op1('Concat', [g.op1('Sin', [args]), g.op1('Cos', [args])], { axis: 1 }); // (B, 2F)
  const tc = linear(silu(linear(temb, 't_mlp.fc1')), 't_mlp.fc2'); // (B, C)
  const cond = silu(add(tc, g.op1('Gemm', [onehot, w['class_embed.weight']], { transB: 1 }))); // (B, C)

  for (let i = 0; i < c.depth; i++) {
    const b = `blocks.${i}`;
    const [sh1, sc1, g1, sh2, sc2, g2] = g.op('Split', [linear(cond, `${b}.ada`)], { axis: 1 }, 6); // 6 x (B, C)
    const qkv = linear(modulate(norm(h), sh1, sc1), `${b}.attn.qkv`); // (B*T, 3C)
    const [q, k, v] = g.op('Split', [qkv], { axis: 1 }, 3).map((z) => reshape(transpose(reshape(z, [-1, T, nh, hs]), [0, 2, 1, 3]), [-1, T, hs]));
    const att = g.op1('Softmax', [mul(g.op1('MatMul', [q, transpose(k, [0, 2, 1])]), g.scalar(1 / Math.sqrt(hs)))], { axis: -1 }); // (B*nh, T, T)
    let y = g.op1('MatMul', [att, v]); // (B*nh, T, hs)
    y = reshape(transpose(reshape(y, [-1, nh, T, hs]), [0, 2, 1, 3]), [-1, C]);
    h = add(h, gated(g1, linear(y, `${b}.attn.proj`)));
    const m = linear(silu(linear(modulate(norm(h), sh2, sc2), `${b}.mlp.fc1`)), `${b}.mlp.fc2`);
    h = add(h, gated(g2, m));
  }
  const [shf, scf] = g.op('Split', [linear(cond, 'final.ada')], { axis: 1 }, 2);
  let out = linear(modulate(norm(h), shf, scf), 'final.linear'); // (B*T, 48)
  out = reshape(out, [-1, gs, gs, P, P, ch]);
  out = transpose(out, [0, 1, 3, 2, 4, 5]); // (B, gy, py, gx, px, ch)
  g.output(reshape(out, [-1, D]), DIT_V, ['batch', D]);
  return g.toModel('tiny_dit', `tiny DiT ${JSON.stringify(c)}; weights are inputs`);
}
