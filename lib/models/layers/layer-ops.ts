/**
 * The operations a model family is written against. One implementation runs them on tfjs tensors
 * (training, tfjs inference), the other emits ONNX nodes (browser inference), so each family's
 * forward pass is written once and both graphs come from it. Matrices are stored [out, in]
 * (METHOD.md's d_out x d_in); `linear` multiplies by the transpose. Shapes may use -1 for the
 * batch axis, which the ONNX graph leaves dynamic.
 */
export interface LayerOps<T> {
  /** x (N, in) @ W^T + b, with W [out, in] and b [out]; no bias when b is omitted. */
  linear(x: T, w: T, b?: T): T;
  /** a @ b, batched over leading axes: (..., m, k) @ (..., k, n) -> (..., m, n). */
  matmul(a: T, b: T): T;
  /** Elementwise with broadcasting. */
  add(a: T, b: T): T;
  mul(a: T, b: T): T;
  addScalar(x: T, s: number): T;
  mulScalar(x: T, s: number): T;
  tanh(x: T): T;
  sigmoid(x: T): T;
  sin(x: T): T;
  cos(x: T): T;
  /** Softmax over the last axis. */
  softmax(x: T): T;
  /** (x - mean) / sqrt(var + eps) * gain + bias over the last axis. */
  layerNorm(x: T, gain: T, bias: T, eps: number): T;
  /** Layer norm without affine parameters; `width` is the last axis (ONNX needs unit gains of that size). */
  normalize(x: T, width: number, eps: number): T;
  /** Mean over one axis, which is dropped. */
  mean(x: T, axis: number): T;
  reshape(x: T, shape: number[]): T;
  transpose(x: T, perm: number[]): T;
  /** `parts` equal pieces along `axis`. */
  split(x: T, parts: number, axis: number): T[];
  concat(xs: T[], axis: number): T;
  /** Indices [start, end) along `axis`. */
  slice(x: T, axis: number, start: number, end: number): T;
  /** A float constant. */
  constant(values: Float32Array, shape: number[]): T;
}
