/**
 * Negation directions beside unique negation (docs/detox-protocol.md). Every one is a per-tensor
 * direction d, applied as theta = theta_0 - lambda * d (lib/detox/negation.ts). A tensor with 2 or
 * more dims is a d_out x (rest) matrix, as in METHOD.md; 1-D tensors are kept whole, like the
 * decomposition's default vectors policy, so every method treats them the same way.
 */
import { taskBasis } from '../decompose/task-basis';
import type { MatmulEngine } from '../linalg/engine';
import { randomSubspace } from '../decompose/controls';
import { frobenius2, leadingColumns, type Mat } from '../linalg/mat';

export type Direction = Record<string, Float32Array>;

/** tau_toxic - tau_benign. */
export function difference(a: Direction, b: Direction): Direction {
  return Object.fromEntries(Object.entries(a).map(([n, t]) => [n, t.map((x, i) => x - b[n][i])]));
}

/** W - Q Q^T W for an orthonormal d_out x s basis Q (row-major W: rows = d_out). */
export function removeSubspace(W: Mat, Q: Mat): Float32Array {
  const { rows, cols } = W;
  const s = Q.cols;
  const out = Float32Array.from(W.data);
  if (s === 0) return out;
  const coef = new Float64Array(s * cols); // Q^T W (s x cols)
  for (let i = 0; i < rows; i++) for (let k = 0; k < s; k++) {
    const q = Q.data[i * s + k];
    if (q !== 0) for (let j = 0; j < cols; j++) coef[k * cols + j] += q * W.data[i * cols + j];
  }
  for (let i = 0; i < rows; i++) for (let k = 0; k < s; k++) {
    const q = Q.data[i * s + k];
    if (q !== 0) for (let j = 0; j < cols; j++) out[i * cols + j] -= q * coef[k * cols + j];
  }
  return out;
}

const asMatrix = (data: Float32Array, shape: readonly number[]): Mat | null =>
  shape.length >= 2 ? { rows: shape[0], cols: data.length / shape[0], data } : null;

/**
 * "Benign projection": tau_toxic with its part in the top left singular directions of tau_benign
 * removed, per matrix; those directions are tau_benign's task subspace at energy rho (METHOD.md).
 */
export async function projectOffBenign(
  toxic: Direction,
  benign: Direction,
  shapes: Record<string, number[]>,
  engine: MatmulEngine,
  energy = 0.9,
): Promise<{ direction: Direction; ranks: Record<string, number> }> {
  const direction: Direction = {};
  const ranks: Record<string, number> = {};
  for (const [n, t] of Object.entries(toxic)) {
    const W = asMatrix(t, shapes[n]);
    const B = asMatrix(benign[n], shapes[n]);
    if (!W || !B) {
      direction[n] = t.slice();
      continue;
    }
    const { U, rank } = await taskBasis(B, energy, null, engine);
    ranks[n] = rank;
    direction[n] = removeSubspace(W, U);
  }
  return { direction, ranks };
}

/**
 * The leading columns of a random orthonormal basis (lib/decompose's random control), as many as
 * it takes for their projection to hold `fraction` of ||W||^2 (at most d_out).
 */
export function energyMatchedBasis(W: Mat, fraction: number, seed: number): Mat {
  const total = frobenius2(W);
  const R = randomSubspace(W.rows, W.rows, seed);
  let captured = 0;
  let k = 0;
  while (k < R.cols && total > 0 && captured < fraction * total * (1 - 1e-9)) {
    for (let j = 0; j < W.cols; j++) {
      let dot = 0;
      for (let i = 0; i < W.rows; i++) dot += R.data[i * R.cols + k] * W.data[i * W.cols + j];
      captured += dot * dot;
    }
    k++;
  }
  return leadingColumns(R, k);
}

/**
 * Energy-matched control: per matrix, remove a random subspace that holds the same fraction of
 * ||tau_toxic||^2 as the shared subspace does (`fractions[name]`), so the control takes away as much
 * of the task vector as unique negation does, in directions unrelated to the benign fine-tune.
 */
export function energyMatchedControl(
  toxic: Direction,
  shapes: Record<string, number[]>,
  fractions: Record<string, number>,
  seed: number,
): { direction: Direction; dims: Record<string, number> } {
  const direction: Direction = {};
  const dims: Record<string, number> = {};
  for (const [index, [n, t]] of Object.entries(toxic).entries()) {
    const W = asMatrix(t, shapes[n]);
    if (!W || !(fractions[n] > 0)) {
      direction[n] = t.slice();
      continue;
    }
    const Q = energyMatchedBasis(W, fractions[n], seed * 1009 + index);
    dims[n] = Q.cols;
    direction[n] = removeSubspace(W, Q);
  }
  return { direction, dims };
}
