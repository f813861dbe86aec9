/**
 * Negation baselines beside unique negation (docs/detox-protocol.md); the controls (random and
 * energy-matched subspaces) come from lib/decompose and lib/demos/merge, as on the other pages. Every one is a per-tensor
 * direction d, applied as theta = theta_0 - lambda * d (lib/recipe/apply.ts scaleDirection). A tensor with 2 or
 * more dims is a d_out x (rest) matrix, as in METHOD.md; 1-D tensors are kept whole, like the
 * decomposition's default vectors policy, so every method treats them the same way.
 */
import { taskBasis } from '../../decompose/task-basis';
import type { MatmulEngine } from '../../linalg/engine';
import type { Mat } from '../../linalg/mat';

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
