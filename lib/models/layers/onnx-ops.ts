/**
 * LayerOps that emit ONNX nodes (opset 17) through GraphBuilder: a tensor is the name of a value in
 * the graph. Linear layers are Gemm with transB (weights stay [out, in], as stored), layer norms are
 * LayerNormalization, so onnxruntime runs its fused kernels.
 */
import type { GraphBuilder } from './graph-builder';
import type { LayerOps } from './layer-ops';

export function onnxOps(g: GraphBuilder): LayerOps<string> {
  const scalars = new Map<number, string>();
  const scalar = (s: number) => scalars.get(s) ?? scalars.set(s, g.scalar(s)).get(s)!;
  const unitGains = new Map<number, [string, string]>();
  const unit = (width: number) => {
    if (!unitGains.has(width)) unitGains.set(width, [g.floats(new Array(width).fill(1), [width]), g.floats(new Array(width).fill(0), [width])]);
    return unitGains.get(width)!;
  };
  return {
    linear: (x, w, b) => g.op1('Gemm', b ? [x, w, b] : [x, w], { transB: 1 }),
    matmul: (a, b) => g.op1('MatMul', [a, b]),
    add: (a, b) => g.op1('Add', [a, b]),
    mul: (a, b) => g.op1('Mul', [a, b]),
    addScalar: (x, s) => g.op1('Add', [x, scalar(s)]),
    mulScalar: (x, s) => g.op1('Mul', [x, scalar(s)]),
    tanh: (x) => g.op1('Tanh', [x]),
    sigmoid: (x) => g.op1('Sigmoid', [x]),
    sin: (x) => g.op1('Sin', [x]),
    cos: (x) => g.op1('Cos', [x]),
    softmax: (x) => g.op1('Softmax', [x], { axis: -1 }),
    layerNorm: (x, gain, bias, eps) => g.op1('LayerNormalization', [x, gain, bias], { axis: -1, epsilon: eps }),
    normalize: (x, width, eps) => g.op1('LayerNormalization', [x, ...unit(width)], { axis: -1, epsilon: eps }),
    mean: (x, axis) => g.op1('ReduceMean', [x], { axes: [axis], keepdims: 0 }),
    reshape: (x, shape) => g.op1('Reshape', [x, g.ints(shape)]),
    transpose: (x, perm) => g.op1('Transpose', [x], { perm }),
    split: (x, parts, axis) => g.op('Split', [x], { axis }, parts),
    concat: (xs, axis) => g.op1('Concat', xs, { axis }),
    slice: (x, axis, start, end) => g.op1('Slice', [x, g.ints([start]), g.ints([end]), g.ints([axis])]),
    constant: (values, shape) => g.floats(values, shape),
  };
}
