import type { MatmulEngine } from '../linalg/engine';
import { type Mat, frobenius2, transpose } from '../linalg/mat';
import { randomSubspace, topSingularSubspace } from './controls';
import type { DecomposeOptions } from './options';
import { sharedSubspace } from './shared-subspace';
import { taskBasis } from './task-basis';

export interface MatrixDiagnostics {
  /** r_i per task (0 for tasks outside `over`, whose subspaces are not needed). */
  ranks: number[];
  /** Chained-projection eigenvalue moduli, descending (k = 2: cos^2 of principal angles). */
  eigenvalues: number[];
  /** Principal angles in degrees (k = 2 only). */
  anglesDeg?: number[];
  sharedDim: number;
  /** ||shared_i||^2 / ||tau_i||^2 per task (0 for a zero task vector). */
  sharedEnergy: number[];
}

export interface MatrixSplit {
  /** Orthonormal basis of the shared subspace (d x s, in the chosen side's space). */
  basis: Mat;
  shared: Float32Array[];
  unique: Float32Array[];
  diagnostics: MatrixDiagnostics;
}

/**
 * METHOD.md per matrix: task subspaces by energy rank, the shared subspace Z invariant under
 * every projection, then shared_i = Z Z^T W_i and unique_i = W_i - shared_i (exact sum).
 * Ws are d_out x d_in views of the task vectors of one tensor.
 */
export async function decomposeMatrices(Ws: Mat[], options: DecomposeOptions, engine: MatmulEngine): Promise<MatrixSplit> {
  const right = options.side === 'right';
  const views = right ? Ws.map(transpose) : Ws;
  const over = options.over ?? Ws.map((_, i) => i);
  const d = views[0].rows;

  const ranks = new Array<number>(Ws.length).fill(0);
  const bases: Mat[] = [];
  for (const i of over) {
    const b = await taskBasis(views[i], options.energy, options.maxRank, engine);
    ranks[i] = b.rank;
    bases.push(b.U);
  }
  const found = await sharedSubspace(bases, options.eta, engine);
  let Z = found.Z;
  if (options.control !== 'none' && Z.cols > 0) {
    Z = options.control === 'random' ? randomSubspace(d, Z.cols, options.seed) : await topSingularSubspace(over.map((i) => views[i]), Z.cols, engine);
  }

  const shared: Float32Array[] = [];
  const unique: Float32Array[] = [];
  const sharedEnergy: number[] = [];
  for (const W of views) {
    let S: Mat = { rows: W.rows, cols: W.cols, data: new Float32Array(W.data.length) };
    if (Z.cols > 0) S = await engine.matmul(Z, await engine.matmul(Z, W, true, false));
    const s32 = S.data instanceof Float32Array ? S : { ...S, data: Float32Array.from(S.data) };
    const u32 = new Float32Array(W.data.length);
    for (let i = 0; i < u32.length; i++) u32[i] = W.data[i] - s32.data[i];
    const total = frobenius2(W);
    sharedEnergy.push(total > 0 ? frobenius2(s32) / total : 0);
    shared.push((right ? transpose(s32) : s32).data as Float32Array);
    unique.push((right ? transpose({ ...W, data: u32 }) : { data: u32 }).data as Float32Array);
  }

  const diagnostics: MatrixDiagnostics = { ranks, eigenvalues: found.eigenvalues, sharedDim: Z.cols, sharedEnergy };
  if (over.length === 2) diagnostics.anglesDeg = found.eigenvalues.map((c2) => (Math.acos(Math.sqrt(Math.min(1, c2))) * 180) / Math.PI);
  return { basis: Z, shared, unique, diagnostics };
}
