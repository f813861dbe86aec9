/**
 * Blocks shared by the model families, written once against LayerOps. Tensors are flattened to
 * (B*T, C) between blocks: on tfjs wasm, multiplying 3-D activations by 2-D weights is fastest
 * after reshaping to 2-D, and ONNX Gemm takes 2-D inputs only.
 */
import type { LayerOps } from './layer-ops';

/** A linear layer's weights: W [out, in], optional b [out]. */
export interface LinearWeights<T> {
  weight: T;
  bias?: T;
}

export interface NormWeights<T> {
  gain: T;
  bias: T;
}

/** The two layers of a position-wise MLP. */
export interface MlpWeights<T> {
  fc1: LinearWeights<T>;
  fc2: LinearWeights<T>;
}

export const linear = <T>(o: LayerOps<T>, x: T, w: LinearWeights<T>): T => o.linear(x, w.weight, w.bias); // (N, out)

export const layerNorm = <T>(o: LayerOps<T>, x: T, w: NormWeights<T>, eps: number): T => o.layerNorm(x, w.gain, w.bias, eps);

/** GELU, tanh form: opset 17 has no Gelu, so both graphs build the same expression from primitives. */
export function gelu<T>(o: LayerOps<T>, x: T): T {
  const cube = o.mul(o.mul(x, x), x);
  const inner = o.mulScalar(o.add(x, o.mulScalar(cube, 0.044715)), Math.sqrt(2 / Math.PI));
  return o.mul(o.mulScalar(x, 0.5), o.addScalar(o.tanh(inner), 1));
}

export const silu = <T>(o: LayerOps<T>, x: T): T => o.mul(x, o.sigmoid(x));

/** act(x W1^T + b1) W2^T + b2: (N, C) -> (N, hidden) -> (N, C). */
export function mlp<T>(o: LayerOps<T>, x: T, w: MlpWeights<T>, act: (o: LayerOps<T>, x: T) => T): T {
  const hidden = act(o, linear(o, x, w.fc1)); // (N, hidden)
  return linear(o, hidden, w.fc2); // (N, C)
}

/** Adds learned positions (T, C) to every sequence of a (B*T, C) stream. */
export function addPositions<T>(o: LayerOps<T>, x: T, positions: T, T: number, C: number): T {
  const seq = o.reshape(x, [-1, T, C]); // (B, T, C)
  return o.reshape(o.add(seq, positions), [-1, C]); // (B*T, C)
}

/** Image (B, H*W*ch) -> patches (B*T, p*p*ch), row-major patches of row-major pixels. */
export function patchify<T>(o: LayerOps<T>, images: T, imageSize: number, patchSize: number, channels: number): T {
  const g = imageSize / patchSize, P = patchSize;
  const x = o.reshape(images, [-1, g, P, g, P, channels]); // (B, gy, py, gx, px, ch)
  return o.reshape(o.transpose(x, [0, 1, 3, 2, 4, 5]), [-1, P * P * channels]); // (B*T, P*P*ch)
}

/** The inverse of patchify: (B*T, p*p*ch) -> (B, H*W*ch). */
export function unpatchify<T>(o: LayerOps<T>, patches: T, imageSize: number, patchSize: number, channels: number): T {
  const g = imageSize / patchSize, P = patchSize;
  const x = o.reshape(patches, [-1, g, g, P, P, channels]); // (B, gy, gx, py, px, ch)
  return o.reshape(o.transpose(x, [0, 1, 3, 2, 4, 5]), [-1, imageSize * imageSize * channels]); // (B, H*W*ch)
}
