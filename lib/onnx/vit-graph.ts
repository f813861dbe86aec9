/**
 * The ViT encoder + task head of lib/models/vit.ts as an ONNX graph. Encoder weights and the
 * head are graph INPUTS, not initializers: ORT cannot replace initializers in a live session, and
 * the page feeds edited (merged) weights on every change without rebuilding anything.
 * Inputs: images (B, 784) in [0, 1], every encoder tensor by its WeightSet name, head.weight (K, C),
 * head.bias (K). Outputs: logits (B, K), features (B, C).
 */
import { DEFAULT_VIT, encoderShapes, numTokens, type VitConfig } from '../models/vit';
import { GraphBuilder } from './graph-builder';

export const IMAGES_INPUT = 'images';
export const LOGITS_OUTPUT = 'logits';
export const FEATURES_OUTPUT = 'features';

export function buildVitGraph(c: VitConfig = DEFAULT_VIT): Uint8Array {
  const g = new GraphBuilder();
  const g1 = c.imageSize / c.patchSize, T = numTokens(c), C = c.width, nh = c.heads, hs = C / nh, P = c.patchSize;
  const images = g.input(IMAGES_INPUT, ['batch', c.imageSize * c.imageSize]);
  const w: Record<string, string> = {};
  for (const [name, shape] of Object.entries(encoderShapes(c))) w[name] = g.input(name, shape);
  const headW = g.input('head.weight', ['classes', C]);
  const headB = g.input('head.bias', ['classes']);

  // W is [out, in]: Gemm with transB computes x @ W^T + b on 2-D x.
  const linear = (x: string, name: string) => g.op1('Gemm', [x, w[`${name}.weight`], w[`${name}.bias`]], { transB: 1 });
  const layerNorm = (x: string, name: string) => g.op1('LayerNormalization', [x, w[`${name}.weight`], w[`${name}.bias`]], { axis: -1, epsilon: c.lnEps });
  const reshape = (x: string, shape: number[]) => g.op1('Reshape', [x, g.ints(shape)]);
  const transpose = (x: string, perm: number[]) => g.op1('Transpose', [x], { perm });
  const mul = (a: string, b: string) => g.op1('Mul', [a, b]);
  const add = (a: string, b: string) => g.op1('Add', [a, b]);
  const gelu = (x: string) => {
    const cube = mul(mul(x, x), x);
    const inner = mul(g.scalar(Math.sqrt(2 / Math.PI)), add(x, mul(g.scalar(0.044715), cube)));
    return mul(mul(g.scalar(0.5), x), add(g.scalar(1), g.op1('Tanh', [inner])));
  };

  let x = reshape(images, [-1, g1, P, g1, P]); // (B, gy, py, gx, px)
  x = transpose(x, [0, 1, 3, 2, 4]); // (B, gy, gx, py, px)
  x = reshape(x, [-1, P * P]); // (B*T, P)
  let h = linear(x, 'patch_embed'); // (B*T, C)
  h = reshape(add(reshape(h, [-1, T, C]), w.pos_embed), [-1, C]); // (B*T, C)

  for (let i = 0; i < c.depth; i++) {
    const b = `blocks.${i}`;
    const qkv = linear(layerNorm(h, `${b}.ln1`), `${b}.attn.qkv`); // (B*T, 3C)
    const [q, k, v] = g.op('Split', [qkv], { axis: 1 }, 3).map((t) => reshape(transpose(reshape(t, [-1, T, nh, hs]), [0, 2, 1, 3]), [-1, T, hs])); // 3 x (B*nh, T, hs)
    const scores = mul(g.op1('MatMul', [q, transpose(k, [0, 2, 1])]), g.scalar(1 / Math.sqrt(hs))); // (B*nh, T, T)
    const att = g.op1('Softmax', [scores], { axis: -1 });
    let y = g.op1('MatMul', [att, v]); // (B*nh, T, hs)
    y = reshape(transpose(reshape(y, [-1, nh, T, hs]), [0, 2, 1, 3]), [-1, C]); // (B*T, C)
    h = add(h, linear(y, `${b}.attn.proj`)); // (B*T, C)
    const m = gelu(linear(layerNorm(h, `${b}.ln2`), `${b}.mlp.fc1`)); // (B*T, 4C)
    h = add(h, linear(m, `${b}.mlp.fc2`)); // (B*T, C)
  }
  h = layerNorm(h, 'ln_f'); // (B*T, C)
  const feats = g.op1('ReduceMean', [reshape(h, [-1, T, C])], { axes: [1], keepdims: 0 }); // (B, C)
  const logits = g.op1('Gemm', [feats, headW, headB], { transB: 1 }); // (B, K)
  g.output(logits, LOGITS_OUTPUT, ['batch', 'classes']);
  g.output(feats, FEATURES_OUTPUT, ['batch', C]);
  return g.toModel('vit_classifier', `ViT ${JSON.stringify(c)}; weights are inputs`);
}
