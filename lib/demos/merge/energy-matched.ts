/**
 * The energy-matched control (EXPERIMENTS.md §2): per matrix, replace the shared subspace by the
 * fewest top left singular directions of sum_i tau_i whose projection holds at least the same share
 * of sum_i ||tau_i||^2 as the shared parts do, then split every task against it as the method does.
 * A gain that survives it is not explained by moving the same amount of weight energy.
 */
import { Matrix } from 'ml-matrix';
import type { Decomposition } from '../../decompose/decompose-weights';
import { componentsFromParts } from '../../decompose/tensor-components';
import { thinSvd } from '../../recipe/methods/matrix-svd';

const energy = (v: Float32Array) => v.reduce((s, x) => s + x * x, 0);

function project(U: Matrix, v: Float32Array, rows: number, cols: number): Float32Array {
  // U U^T W for W (rows x cols)
  const W = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) W.set(i, j, v[i * cols + j]);
  const P = U.mmul(U.transpose().mmul(W));
  return Float32Array.from(P.to1DArray());
}

/** Returns a new decomposition (left side) with the matrices' shared/unique parts re-split; 1-D tensors are kept as they are. */
export function energyMatched(d: Decomposition): Decomposition {
  const out: Decomposition = { ...d, components: { ...d.components }, diagnostics: d.diagnostics.map((x) => ({ ...x })) };
  for (const diag of out.diagnostics) {
    if (diag.kind !== 'matrix') continue;
    const c = d.components[diag.name];
    const total = c.full.reduce((s, t) => s + energy(t), 0);
    const target = c.shared.reduce((s, t) => s + energy(t), 0);
    const rows = diag.shape[0], cols = c.full[0].length / rows;
    if (target <= 0 || total <= 0) {
      out.components[diag.name] = componentsFromParts({ full: c.full, shared: c.full.map((t) => new Float32Array(t.length)), unique: c.full });
      diag.sharedDim = 0;
      continue;
    }
    const sum = new Matrix(rows, cols);
    for (const t of c.full) for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) sum.set(i, j, sum.get(i, j) + t[i * cols + j]);
    const { U } = thinSvd(sum);
    let s = 0, shared: Float32Array[] = [];
    while (s < U.columns) {
      s++;
      const Us = U.subMatrix(0, rows - 1, 0, s - 1);
      shared = c.full.map((t) => project(Us, t, rows, cols));
      if (shared.reduce((a, t) => a + energy(t), 0) >= target * (1 - 1e-9)) break;
    }
    out.components[diag.name] = componentsFromParts({ full: c.full, shared, unique: c.full.map((t, i) => t.map((x, j) => x - shared[i][j])) });
    diag.sharedDim = s;
    diag.sharedEnergy = c.full.map((t, i) => (energy(t) > 0 ? energy(shared[i]) / energy(t) : 0));
  }
  return out;
}
