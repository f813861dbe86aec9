/**
 * The char GPT of lib/models/char-gpt.ts as an ONNX graph for a fixed context length T. Every weight
 * is a graph INPUT under its WeightSet name, so a page can feed an edited model (e.g. a negation at
 * any lambda) to one live session. Tokens enter one-hot, which keeps the graph free of int inputs.
 * Inputs: onehot (B, T, vocab), each weight tensor. Output: logits (B, T, vocab). Shorter prompts are
 * right-padded: attention is causal, so position t never sees the padding after it.
 */
import { onnx } from 'onnx-proto';
import { DEFAULT_CHAR_GPT_CONFIG, paramShapes, type CharGptConfig } from '../models/char-gpt';
import { GraphBuilder } from './graph-builder';

export const ONEHOT_INPUT = 'onehot';
export const CHAR_LOGITS_OUTPUT = 'logits';

export function buildCharGptGraph(c: CharGptConfig = DEFAULT_CHAR_GPT_CONFIG, T = c.blockSize): Uint8Array {
  const g = new GraphBuilder();
  const C = c.nEmbd, nh = c.nHead, hs = C / nh, V = c.vocabSize;
  const onehot = g.input(ONEHOT_INPUT, ['batch', T, V]);
  const w: Record<string, string> = {};
  for (const [name, shape] of Object.entries(paramShapes(c))) w[name] = g.input(name, shape);

  const linear = (x: string, name: string) => g.op1('Gemm', [x, w[`${name}.w`], w[`${name}.b`]], { transB: 1 }); // x @ W^T + b, W [out, in]
  const layerNorm = (x: string, name: string) => g.op1('LayerNormalization', [x, w[`${name}.g`], w[`${name}.b`]], { axis: -1, epsilon: 1e-5 });
  const reshape = (x: string, shape: number[]) => g.op1('Reshape', [x, g.ints(shape)]);
  const transpose = (x: string, perm: number[]) => g.op1('Transpose', [x], { perm });
  const mul = (a: string, b: string) => g.op1('Mul', [a, b]);
  const add = (a: string, b: string) => g.op1('Add', [a, b]);
  const gelu = (x: string) => {
    const inner = mul(g.scalar(Math.sqrt(2 / Math.PI)), add(x, mul(g.scalar(0.044715), mul(mul(x, x), x))));
    return mul(mul(g.scalar(0.5), x), add(g.scalar(1), g.op1('Tanh', [inner])));
  };
  // Additive causal mask (T, T): 0 on and below the diagonal, -1e9 above, as in the tfjs forward.
  const maskName = 'causal_mask';
  g.initializers.push({
    name: maskName,
    dataType: onnx.TensorProto.DataType.FLOAT,
    dims: [T, T],
    floatData: Array.from({ length: T * T }, (_, i) => (i % T > Math.floor(i / T) ? -1e9 : 0)),
  });

  const tok = g.op1('MatMul', [reshape(onehot, [-1, V]), w.wte]); // (B*T, C)
  const pos = g.op1('Slice', [w.wpe, g.ints([0]), g.ints([T]), g.ints([0])]); // (T, C)
  let h = reshape(add(reshape(tok, [-1, T, C]), pos), [-1, C]); // (B*T, C)
  for (let i = 0; i < c.nLayer; i++) {
    const qkv = linear(layerNorm(h, `h${i}.ln1`), `h${i}.attn.qkv`); // (B*T, 3C)
    const [q, k, v] = g.op('Split', [qkv], { axis: 1 }, 3).map((t) => reshape(transpose(reshape(t, [-1, T, nh, hs]), [0, 2, 1, 3]), [-1, T, hs])); // 3 x (B*nh, T, hs)
    const scores = add(mul(g.op1('MatMul', [q, transpose(k, [0, 2, 1])]), g.scalar(1 / Math.sqrt(hs))), maskName); // (B*nh, T, T)
    let y = g.op1('MatMul', [g.op1('Softmax', [scores], { axis: -1 }), v]); // (B*nh, T, hs)
    y = reshape(transpose(reshape(y, [-1, nh, T, hs]), [0, 2, 1, 3]), [-1, C]); // (B*T, C)
    h = add(h, linear(y, `h${i}.attn.proj`)); // (B*T, C)
    h = add(h, linear(gelu(linear(layerNorm(h, `h${i}.ln2`), `h${i}.mlp.fc`)), `h${i}.mlp.proj`)); // (B*T, C)
  }
  const logits = g.op1('Gemm', [layerNorm(h, 'lnf'), w.wte], { transB: 1 }); // (B*T, V), head tied to wte
  g.output(reshape(logits, [-1, T, V]), CHAR_LOGITS_OUTPUT, ['batch', T, V]);
  return g.toModel('char_gpt', `char GPT ${JSON.stringify(c)}, T=${T}; weights are inputs`);
}
