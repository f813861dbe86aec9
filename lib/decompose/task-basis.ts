import type { MatmulEngine, Resident } from '../linalg/engine';
import { type Mat, frobenius2, orthonormalColumns } from '../linalg/mat';
import { symmetricEigen, symmetricEigenTop } from '../linalg/symmetric-eigen';
import { RANK_TOLERANCE } from './options';
import { prefersRandomized, randomizedResidentBasis } from './randomized-basis';
import type { BasisHint, TaskBasis } from './task-basis-type';

export type { BasisHint, TaskBasis } from './task-basis-type';

/** Eigen-decomposition of a symmetric matrix, descending eigenvalues, in float64 (vectors as columns). */
export const symmetricEig = symmetricEigen;

/** The smallest r whose leading squared singular values hold `energy` of the total. */
export function energyRank(sigma: number[], energy: number, maxRank: number | null): number {
  const top = sigma[0] ?? 0;
  if (top === 0) return 0;
  const usable = sigma.filter((s) => s > RANK_TOLERANCE * top);
  const total = usable.reduce((s, x) => s + x * x, 0);
  let r = 0;
  let acc = 0;
  while (r < usable.length && acc < energy * total * (1 - 1e-12)) acc += usable[r] * usable[r++];
  return Math.min(r, maxRank ?? r);
}

/**
 * Which path finds task subspaces: `auto` applies `prefersRandomized`; `exact` and `randomized`
 * force one (for benchmarks and tests; `randomized` still falls back to exact when its block would
 * pass half the smaller side).
 */
export type BasisPath = 'auto' | 'exact' | 'randomized';

/**
 * The task subspace of a host matrix: uploaded once, then `residentBasis`.
 */
export async function taskBasis(W: Mat, energy: number, maxRank: number | null, engine: MatmulEngine, path: BasisPath = 'auto'): Promise<TaskBasis> {
  const resident = engine.upload(W);
  try {
    return await residentBasis(resident, frobenius2(W), energy, maxRank, engine, path);
  } finally {
    engine.free(resident);
  }
}

/**
 * The task subspace of W (on the engine, ||W||_F^2 = total): the randomized range finder when
 * `prefersRandomized` (min side >= 256) and it can certify the rank with a block of at most half
 * the smaller side, else the exact Gram path.
 */
export async function residentBasis(
  W: Resident,
  total: number,
  energy: number,
  maxRank: number | null,
  engine: MatmulEngine,
  path: BasisPath = 'auto',
  /** What a layer of the same shape found just before, if any: where the range finder starts. */
  hint: BasisHint | null = null,
): Promise<TaskBasis> {
  if (total === 0) return { U: { rows: W.rows, cols: 0, data: new Float64Array(0) }, sigma: [], rank: 0 };
  if (path === 'randomized' || (path === 'auto' && prefersRandomized(W.rows, W.cols))) {
    const fast = await randomizedResidentBasis(W, total, energy, maxRank, engine, hint);
    if (fast) return { ...fast, path: 'randomized' };
  }
  return { ...(await exactResidentBasis(W, energy, maxRank, engine)), path: 'exact' };
}

/** The exact path: full eigenproblem of the smaller-side Gram matrix. */
export async function exactBasis(W: Mat, energy: number, maxRank: number | null, engine: MatmulEngine): Promise<TaskBasis> {
  if (frobenius2(W) === 0) return { U: { rows: W.rows, cols: 0, data: new Float64Array(0) }, sigma: [], rank: 0 };
  const resident = engine.upload(W);
  try {
    return await exactResidentBasis(resident, energy, maxRank, engine);
  } finally {
    engine.free(resident);
  }
}

/**
 * Thin SVD through the Gram matrix of the smaller side: the eigenproblem is min(d_out, d_in)
 * square, and the d-sized products run on the tensor engine.
 */
async function exactResidentBasis(W: Resident, energy: number, maxRank: number | null, engine: MatmulEngine): Promise<TaskBasis> {
  const wide = W.rows <= W.cols;
  const G = wide ? engine.mul(W, W, false, true) : engine.mul(W, W, true, false);
  const gram = await engine.read(G);
  engine.free(G);
  // Every eigenvalue (the rank needs the whole spectrum), eigenvectors only for the leading r.
  const toSigma = (values: number[]) => values.map((v) => Math.sqrt(Math.max(v, 0)));
  let rank = 0;
  const { values, vectors: basis } = symmetricEigenTop(gram, (all) => (rank = energyRank(toSigma(all), energy, maxRank)));
  const sigma = toSigma(values);
  if (wide || rank === 0) return { U: basis, sigma, rank };
  // U = W V / sigma, re-orthonormalised: float32 products blur orthogonality a little.
  const V = engine.upload(basis);
  const WV = engine.mul(W, V);
  engine.free(V);
  const wv = await engine.read(WV);
  engine.free(WV);
  for (let i = 0; i < wv.rows; i++) for (let j = 0; j < rank; j++) wv.data[i * rank + j] /= sigma[j];
  const U = orthonormalColumns({ rows: wv.rows, cols: rank, data: Float64Array.from(wv.data) });
  return { U, sigma, rank: U.cols };
}
