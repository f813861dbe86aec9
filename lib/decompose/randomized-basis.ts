import type { MatmulEngine } from '../linalg/engine';
import { type Mat, frobenius2, orthonormalColumns } from '../linalg/mat';
import { gaussian, mulberry32 } from '../util/random';
import { symmetricEig, type TaskBasis } from './task-basis';

const POWER_ITERATIONS = 2;
const OVERSAMPLE = 10;
const FIRST_BLOCK = 32;
const SEED = 0x5eed;

/**
 * The randomized range finder pays off when the sketch stays well below min(d_out, d_in):
 * its cost is O(d_out d_in l) per pass against O(min^3) for the exact eigenproblem.
 * Below 256 the exact Gram path is already fast, so it is kept there.
 */
export function prefersRandomized(rows: number, cols: number): boolean {
  return Math.min(rows, cols) >= 256;
}

/**
 * Top-r left singular basis by a randomized block range finder (Halko, Martinsson, Tropp 2011)
 * with power iterations. The rank is certified, not guessed: with Q the sketch basis,
 * B = Q^T W and E = (I - QQ^T) W, W^T W = B^T B + E^T E exactly, so by Ky Fan the true top-m
 * energy is at most top_m(B) + ||E||_F^2 = top_m(B) + ||W||_F^2 - ||B||_F^2, and at least
 * top_m(B) (interlacing). r is right when top_r(B) >= rho ||W||^2 > top_{r-1}(B) + ||E||^2.
 * Returns null when the block would grow past half of min(d_out, d_in): the exact path is cheaper.
 */
export async function randomizedBasis(W: Mat, energy: number, maxRank: number | null, engine: MatmulEngine): Promise<TaskBasis | null> {
  const total = frobenius2(W);
  if (total === 0) return { U: { rows: W.rows, cols: 0, data: new Float64Array(0) }, sigma: [], rank: 0 };
  const limit = Math.floor(Math.min(W.rows, W.cols) / 2);
  const g = gaussian(mulberry32(SEED));
  for (let block = Math.min(FIRST_BLOCK, maxRank === null ? FIRST_BLOCK : maxRank + OVERSAMPLE); block <= limit; block *= 2) {
    const omega: Mat = { rows: W.cols, cols: block, data: new Float64Array(W.cols * block).map(() => g()) };
    let Q = orthonormalColumns(await engine.matmul(W, omega));
    for (let q = 0; q < POWER_ITERATIONS; q++) {
      const Z = orthonormalColumns(await engine.matmul(W, Q, true, false));
      Q = orthonormalColumns(await engine.matmul(W, Z));
    }
    const B = await engine.matmul(Q, W, true, false);
    const { values, vectors } = symmetricEig(await engine.matmul(B, B, false, true));
    const sigma = values.map((v) => Math.sqrt(Math.max(v, 0)));
    const rank = certifiedRank(sigma, total, energy, maxRank, Q.cols);
    if (rank === null) continue;
    const lead = vectors.subMatrix(0, vectors.rows - 1, 0, Math.max(rank, 1) - 1);
    const small: Mat = { rows: lead.rows, cols: rank, data: Float64Array.from(rank ? lead.to1DArray() : []) };
    const U = orthonormalColumns(await engine.matmul(Q, small));
    return { U, sigma, rank: U.cols };
  }
  return null;
}

/** The certified energy rank from the sketch's singular values, or null if the sketch is too small to decide. */
export function certifiedRank(sigma: number[], total: number, energy: number, maxRank: number | null, sketchCols: number): number | null {
  const captured = sigma.reduce((s, x) => s + x * x, 0);
  const residual = Math.max(total - captured, 0);
  const target = energy * total * (1 - 1e-12);
  let acc = 0;
  for (let r = 1; r <= sigma.length; r++) {
    // Upper bound on the true top-(r-1) energy: if it is below the target, the true rank is >= r.
    const upperPrev = acc + residual;
    acc += sigma[r - 1] * sigma[r - 1];
    if (maxRank !== null && r >= maxRank && upperPrev < target) return maxRank;
    if (maxRank !== null && r >= maxRank && acc >= target) return Math.min(r, maxRank);
    if (acc >= target) return upperPrev < target && r + OVERSAMPLE / 2 <= sketchCols ? r : null;
  }
  return null;
}
