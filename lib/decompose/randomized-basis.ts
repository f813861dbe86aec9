import { type MatmulEngine, type Resident, transposeLayerFirst } from '../linalg/engine';
import { type Mat, frobenius2, orthonormalColumns } from '../linalg/mat';
import { gaussian, mulberry32 } from '../util/random';
import { symmetricEig, type TaskBasis } from './task-basis';

const POWER_ITERATIONS = 1;
const OVERSAMPLE = 10;
/**
 * The block without a guess of the rank: certifies ranks up to 27. Products cost in proportion to
 * the block, so a layer of higher rank pays 32 + 64 instead of 64; the layers after it start from
 * its rank (`firstBlock`).
 */
const FIRST_BLOCK = 32;
const SEED = 0x5eed;
/**
 * Sketch directions whose Gram eigenvalue is below this share of the largest are dropped when
 * orthonormalising on the engine: in float32 they are rounding noise. Dropping one only makes the
 * sketch smaller; the certificate below still holds, so at worst the block grows.
 */
const GRAM_TOLERANCE = 1e-5;

/**
 * The randomized range finder pays off when the sketch stays well below min(d_out, d_in):
 * its cost is O(d_out d_in l) per pass against O(min^3) for the exact eigenproblem.
 * Below 256 the exact Gram path is already fast, so it is kept there.
 */
export function prefersRandomized(rows: number, cols: number): boolean {
  return Math.min(rows, cols) >= 256;
}

/**
 * l x l' map T with Y T orthonormal, from the small Gram matrix G = Y^T Y = V D V^T: T = V D^{-1/2},
 * keeping eigenvalues above GRAM_TOLERANCE of the largest (this also drops dependent columns).
 * The fallback when a second pass finds the basis far from orthonormal.
 */
function whitening(G: Mat): Mat {
  const { values, vectors } = symmetricEig(G);
  const top = Math.max(values[0] ?? 0, 0);
  const kept = values.filter((v) => v > GRAM_TOLERANCE * top && v > 0).length;
  const T = new Float64Array(G.rows * kept);
  for (let j = 0; j < kept; j++) {
    const s = 1 / Math.sqrt(values[j]);
    for (let i = 0; i < G.rows; i++) T[i * kept + j] = vectors.data[i * G.rows + j] * s;
  }
  return { rows: G.rows, cols: kept, data: T };
}

/**
 * l x l' map T with Y T orthonormal (up to float32 rounding, which a second pass removes), from
 * G = Y^T Y by Cholesky with diagonal pivoting: each step takes the column farthest from the span
 * of those already taken and stops when every remaining one lies within GRAM_TOLERANCE of the
 * largest squared column norm (dependent columns, or float32 noise). Y P = Q R11 on the kept
 * columns, so T = P R11^{-1}. O(l^3 / 3) against an l x l eigen-decomposition for whitening.
 */
export function pivotedCholeskyInverse(G: Mat): Mat {
  const n = G.rows;
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A[i * n + j] = 0.5 * (G.data[i * n + j] + G.data[j * n + i]);
  const perm = Array.from({ length: n }, (_, i) => i);
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, A[i * n + i]);
  // R: row k holds R[k, perm[m]] for the columns in their original numbering.
  const R = new Float64Array(n * n);
  let kept = 0;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let j = k + 1; j < n; j++) if (A[perm[j] * n + perm[j]] > A[perm[p] * n + perm[p]]) p = j;
    const pivot = A[perm[p] * n + perm[p]];
    if (!(pivot > GRAM_TOLERANCE * largest)) break;
    [perm[k], perm[p]] = [perm[p], perm[k]];
    const c = perm[k];
    const rkk = Math.sqrt(pivot);
    R[k * n + c] = rkk;
    for (let j = k + 1; j < n; j++) R[k * n + perm[j]] = A[c * n + perm[j]] / rkk;
    for (let i = k + 1; i < n; i++) {
      const ri = R[k * n + perm[i]];
      for (let j = k + 1; j < n; j++) A[perm[i] * n + perm[j]] -= ri * R[k * n + perm[j]];
    }
    kept++;
  }
  // T[perm[i], c] = (R11^{-1})[i, c]: back substitution on the kept upper-triangular block.
  const inv = new Float64Array(kept * kept);
  for (let c = 0; c < kept; c++) {
    for (let i = c; i >= 0; i--) {
      let v = i === c ? 1 : 0;
      for (let m = i + 1; m <= c; m++) v -= R[i * n + perm[m]] * inv[m * kept + c];
      inv[i * kept + c] = v / R[i * n + perm[i]];
    }
  }
  const T = new Float64Array(n * kept);
  for (let i = 0; i < kept; i++) for (let c = 0; c < kept; c++) T[perm[i] * kept + c] = inv[i * kept + c];
  return { rows: n, cols: kept, data: T };
}

/**
 * T = R^{-1} with G = R^T R (Cholesky): for a second pass, where Y is already nearly orthonormal
 * and the O(l^3 / 3) factorisation is far cheaper than an eigen-decomposition. Null if G is not
 * positive definite (then the caller whitens instead).
 */
function choleskyInverse(G: Mat): Mat | null {
  const n = G.rows;
  const R = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = G.data[j * n + j];
    for (let k = 0; k < j; k++) d -= R[k * n + j] ** 2;
    if (!(d > 0.5 * G.data[j * n + j])) return null; // far from orthonormal: not a second pass
    const rjj = Math.sqrt(d);
    R[j * n + j] = rjj;
    for (let i = j + 1; i < n; i++) {
      let v = 0.5 * (G.data[j * n + i] + G.data[i * n + j]);
      for (let k = 0; k < j; k++) v -= R[k * n + j] * R[k * n + i];
      R[j * n + i] = v / rjj;
    }
  }
  // Back substitution for the upper-triangular inverse, column by column.
  const T = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    for (let i = c; i >= 0; i--) {
      let v = i === c ? 1 : 0;
      for (let k = i + 1; k <= c; k++) v -= R[i * n + k] * T[k * n + c];
      T[i * n + c] = v / R[i * n + i];
    }
  }
  return { rows: n, cols: n, data: T };
}

/**
 * Orthonormal basis of the columns (or rows) of Y without reading Y back: its Gram matrix comes
 * back, the map to an orthonormal basis goes out. Done twice, since one float32 pass leaves an
 * orthogonality error of order eps * cond(Y)^2 (kept below about 1e-2 by the pivoting
 * tolerance); the second pass is a plain Cholesky-QR. Frees Y.
 */
async function orthonormalise(Y: Resident, engine: MatmulEngine, rows = false): Promise<Resident> {
  let Q = Y;
  for (let pass = 0; pass < 2; pass++) {
    const G = rows ? engine.mul(Q, Q, false, true) : engine.mul(Q, Q, true, false);
    const g = await engine.read(G);
    engine.free(G);
    const T = engine.upload(pass === 0 ? pivotedCholeskyInverse(g) : choleskyInverse(g) ?? whitening(g));
    const next = rows ? engine.mul(T, Q, true, false) : engine.mul(Q, T);
    engine.free(T, Q);
    Q = next;
  }
  return Q;
}

const sketches = new Map<string, Mat>();

/**
 * The seeded Gaussian test matrix Omega (cols x block), in float32 so both engines multiply by the
 * same numbers. Every task of a tensor, and every block of a model, has the same layer shapes, so
 * the few distinct ones are kept instead of drawn again (1.3M normal draws per GPT-2 block and task).
 */
function sketchMatrix(cols: number, block: number): Mat {
  const key = `${cols}x${block}`;
  let omega = sketches.get(key);
  if (!omega) {
    const g = gaussian(mulberry32(SEED + block));
    omega = { rows: cols, cols: block, data: Float32Array.from({ length: cols * block }, g) };
    if (sketches.size >= 8) sketches.delete(sketches.keys().next().value!);
    sketches.set(key, omega);
  }
  return omega;
}

/**
 * Top-r left singular basis by a randomized block range finder (Halko, Martinsson, Tropp 2011)
 * with a power iteration. W stays on the engine; only l x l Gram matrices and the final d x r
 * basis are read back. The sketch ends on the row side: with Z (l x d_in, orthonormal rows) and
 * P = Z^T Z, Y = W Z^T has the singular values of W P. The rank is certified, not guessed:
 * W W^T = (W P)(W P)^T + E E^T with E = W (I - P), so by Ky Fan the true top-m energy is at most
 * top_m(W P) + ||E||_F^2 = top_m(W P) + ||W||_F^2 - ||Y||_F^2, and at least top_m(W P)
 * (interlacing). r is right when top_r(WP) >= rho ||W||^2 > top_{r-1}(WP) + ||E||^2.
 * `total` is ||W||_F^2. Returns null when the block would grow past half of min(d_out, d_in):
 * the exact path is cheaper.
 */
export async function randomizedResidentBasis(
  W: Resident,
  total: number,
  energy: number,
  maxRank: number | null,
  engine: MatmulEngine,
  expectedRank: number | null = null,
): Promise<TaskBasis | null> {
  if (total === 0) return { U: { rows: W.rows, cols: 0, data: new Float64Array(0) }, sigma: [], rank: 0 };
  const limit = Math.floor(Math.min(W.rows, W.cols) / 2);
  const first = firstBlock(expectedRank, maxRank, limit);
  for (let block = first; block <= limit && block > 0; block = block < limit && 2 * block > limit ? limit : 2 * block) {
    const omega = engine.upload(sketchMatrix(W.cols, block));
    let Y = engine.mul(W, omega);
    engine.free(omega);
    const tall = transposeLayerFirst(W.rows, W.cols);
    for (let q = 0; q < POWER_ITERATIONS; q++) {
      const Q = await orthonormalise(Y, engine);
      // Z spans the row side: as the rows of Q^T W, or for a very tall layer the columns of W^T Q.
      const Z = tall ? await orthonormalise(engine.mul(W, Q, true, false), engine) : await orthonormalise(engine.mul(Q, W, true, false), engine, true);
      engine.free(Q);
      Y = tall ? engine.mul(W, Z) : engine.mul(W, Z, false, true);
      engine.free(Z);
    }
    const G = engine.mul(Y, Y, true, false);
    const gram = await engine.read(G);
    engine.free(G);
    const { values, vectors } = symmetricEig(gram);
    const sigma = values.map((v) => Math.sqrt(Math.max(v, 0)));
    // Spare columns count the block drawn, not the directions found: a missing one had no energy.
    const rank = certifiedRank(sigma, total, energy, maxRank, block);
    if (rank === null) {
      engine.free(Y);
      if (hopeless(sigma, total, energy, block, Math.min(W.rows, W.cols))) return null;
      continue;
    }
    // U = Y V S^{-1}: the left singular vectors of W P.
    const coords = new Float64Array(gram.rows * rank);
    for (let j = 0; j < rank; j++) for (let i = 0; i < gram.rows; i++) coords[i * rank + j] = vectors.data[i * gram.rows + j] / sigma[j];
    const C = engine.upload({ rows: gram.rows, cols: rank, data: coords });
    const YC = engine.mul(Y, C);
    engine.free(Y, C);
    const U = orthonormalColumns(await engine.read(YC));
    engine.free(YC);
    return { U, sigma, rank: U.cols };
  }
  return null;
}

/**
 * The first block of the range finder: FIRST_BLOCK without a guess; with the rank of a layer of
 * the same shape found just before (the previous task of the same tensor, or the same tensor of
 * the previous transformer block), room for a quarter more than that rank plus oversampling, in
 * multiples of 8, so most layers are certified in one attempt and none pays for a block far
 * larger than its rank. 0 when that block would pass `limit`: the exact path is then cheaper.
 */
export function firstBlock(expectedRank: number | null, maxRank: number | null, limit: number): number {
  const wanted = expectedRank === null ? FIRST_BLOCK : Math.max(16, Math.ceil((1.25 * expectedRank + OVERSAMPLE) / 8) * 8);
  if (wanted > limit && expectedRank !== null && (maxRank === null || maxRank + OVERSAMPLE > limit)) return 0;
  return Math.min(wanted, maxRank === null ? wanted : maxRank + OVERSAMPLE, limit);
}

/** The randomized basis of a host matrix (uploaded for the duration of the call). */
export async function randomizedBasis(W: Mat, energy: number, maxRank: number | null, engine: MatmulEngine): Promise<TaskBasis | null> {
  const resident = engine.upload(W);
  try {
    return await randomizedResidentBasis(resident, frobenius2(W), energy, maxRank, engine);
  } finally {
    engine.free(resident);
  }
}

/**
 * True when the sketch already holds the target energy but cannot certify the rank because the
 * uncaptured energy exceeds the gap below the threshold, and a doubled block would not close it.
 * Doubling adds l directions; what they can take is estimated generously, as the larger of a share
 * l / (m - l) of the uncaptured energy (spread flat over the remaining directions: a noise floor)
 * and l times the smallest squared singular value the sketch found (the energy may sit in a few
 * directions just past the block, as large as the last ones caught; a direction the sketch
 * dropped had none). The exact path then runs at once instead of after several doublings.
 */
export function hopeless(sigma: number[], total: number, energy: number, block: number, minSide: number): boolean {
  const target = energy * total * (1 - 1e-12);
  const captured = sigma.reduce((a, x) => a + x * x, 0);
  if (captured < target) return false; // the block is too small: doubling is the answer
  let acc = 0;
  let prev = 0;
  for (const x of sigma) {
    prev = acc;
    acc += x * x;
    if (acc >= target) break;
  }
  const residual = Math.max(total - captured, 0);
  const flat = (residual * Math.min(block, minSide - block)) / Math.max(minSide - block, 1);
  const edge = sigma.length < block ? 0 : block * sigma[block - 1] ** 2;
  return residual - Math.min(residual, Math.max(flat, edge)) >= target - prev;
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
