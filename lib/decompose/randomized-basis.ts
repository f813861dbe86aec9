import { type MatmulEngine, type Resident, multiply } from '../linalg/engine';
import { type RowSide, projectOut, rowSide } from './row-side';
import { readCertificate } from './certificate-batch';
import { type Mat, frobenius2, orthonormalColumns } from '../linalg/mat';
import { gaussian, mulberry32 } from '../util/random';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import {
  candidateRank,
  certifiedRank,
  couplingBounds,
  OVERSAMPLE,
  RESIDUAL_STEPS,
  RESIDUAL_VECTORS,
  residualSafetyFactor,
  spectralUpper,
} from './rank-certificate';
import type { BasisHint, TaskBasis } from './task-basis-type';

/** Power iterations a block may get while its rank is still open, before it doubles. */
const MAX_POWER_ITERATIONS = 3;
/**
 * The block without a guess of the rank: certifies ranks up to 27. Products cost in proportion to
 * the block, so a layer of higher rank pays 32 + 64 instead of 64; the layers after it start from
 * its rank (`firstBlock`).
 */
const FIRST_BLOCK = 32;
const SEED = 0x5eed;
const RESIDUAL_SEED = 0x7e51d;
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
  const { values, vectors } = symmetricEigen(G);
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
 * tolerance); the second pass is a plain Cholesky-QR, or on an engine where reads are costly
 * (`fewReads`) Newton-Schulz steps on the device, which need no read. `known` is Y's Gram matrix
 * when the caller has it already. Frees Y.
 */
async function orthonormalise(Y: Resident, engine: MatmulEngine, rows = false, known: Mat | null = null): Promise<Resident> {
  let Q = Y;
  for (let pass = 0; pass < 2; pass++) {
    if (pass === 1 && engine.fewReads) return newtonSchulz(Q, engine, rows);
    let g: Mat;
    if (pass === 0 && known) g = known;
    else {
      const G = rows ? engine.mul(Q, Q, false, true) : engine.mul(Q, Q, true, false);
      g = await engine.read(G);
      engine.free(G);
    }
    const T = engine.upload(pass === 0 ? pivotedCholeskyInverse(g) : choleskyInverse(g) ?? whitening(g));
    const next = rows ? engine.mul(T, Q, true, false) : engine.mul(Q, T);
    engine.free(T, Q);
    Q = next;
  }
  return Q;
}

/**
 * Newton-Schulz steps Q <- Q (3 I - Q^T Q) / 2 for columns (S Q for rows): each maps a singular
 * value 1 + e to about 1 - 3 e^2 / 2 and keeps the span (Q times a polynomial in Q^T Q), so three
 * steps take the error of 1e-2 a first Cholesky pass may leave below float32 rounding, with no
 * read. The basis differs from Cholesky-QR's by a rotation, which nothing downstream depends on
 * (Ritz values and vectors are those of the span). Frees Q.
 */
function newtonSchulz(Q: Resident, engine: MatmulEngine, rows: boolean, steps = 3): Resident {
  const l = rows ? Q.rows : Q.cols;
  const identity = engine.upload({ rows: l, cols: l, data: Float32Array.from({ length: l * l }, (_, i) => (i % (l + 1) === 0 ? 1 : 0)) });
  for (let step = 0; step < steps; step++) {
    const G = rows ? engine.mul(Q, Q, false, true) : engine.mul(Q, Q, true, false);
    const S = engine.combine(identity, 1.5, G, -0.5);
    const next = rows ? engine.mul(S, Q) : engine.mul(Q, S);
    engine.free(G, S, Q);
    Q = next;
  }
  engine.free(identity);
  return Q;
}

const sketches = new Map<string, { draw: () => number; columns: Float32Array; width: number }>();

/**
 * A seeded Gaussian test matrix (cols x block), in float32 so both engines multiply by the same
 * numbers. Its columns are drawn one after another from one stream per (cols, seed), so a wider
 * block starts with the columns of a narrower one and only the new ones are drawn: every task of
 * a tensor, and every block of a model, has the same few layer shapes (1.3M normal draws per
 * GPT-2 block and task otherwise).
 */
function sketchMatrix(cols: number, block: number, seed = SEED): Mat {
  const key = `${cols}@${seed}`;
  let drawn = sketches.get(key);
  if (!drawn) {
    drawn = { draw: gaussian(mulberry32(seed)), columns: new Float32Array(0), width: 0 };
    if (sketches.size >= 8) sketches.delete(sketches.keys().next().value!);
    sketches.set(key, drawn);
  }
  if (drawn.width < block) {
    const columns = new Float32Array(cols * block);
    columns.set(drawn.columns);
    for (let i = drawn.width * cols; i < columns.length; i++) columns[i] = drawn.draw();
    drawn.columns = columns;
    drawn.width = block;
  }
  const data = new Float32Array(cols * block);
  for (let j = 0; j < block; j++) for (let i = 0; i < cols; i++) data[i * block + j] = drawn.columns[j * cols + i];
  return { rows: cols, cols: block, data };
}

/**
 * Top-r left singular basis by a randomized block range finder (Halko, Martinsson, Tropp 2011)
 * with power iterations. W stays on the engine; only small Gram matrices and the final d x r
 * basis are read back. The sketch ends on the row side: with Z (l x d_in, orthonormal rows) and
 * P = Z^T Z, Y = W Z^T has the singular values of W P. The rank is certified, not guessed
 * (`rank-certificate.ts`): first by the Frobenius bound, and when that leaves it open by the
 * spectral bound, which measures how the block couples to the rest and the largest direction
 * the block missed. While the rank is open, the same block gets another power iteration (up to
 * MAX_POWER_ITERATIONS), then the block doubles. `total` is ||W||_F^2. Returns null when the
 * block would grow past half of min(d_out, d_in): the exact path is cheaper there.
 */
export async function randomizedResidentBasis(
  W: Resident,
  total: number,
  energy: number,
  maxRank: number | null,
  engine: MatmulEngine,
  hint: BasisHint | null = null,
): Promise<TaskBasis | null> {
  if (total === 0) return { U: { rows: W.rows, cols: 0, data: new Float64Array(0) }, sigma: [], rank: 0 };
  const limit = Math.floor(Math.min(W.rows, W.cols) / 2);
  const first = firstBlock(hint?.rank ?? null, maxRank, limit);
  const side = rowSide(W, engine);
  for (let block = first; block <= limit && block > 0; block = block < limit && 2 * block > limit ? limit : 2 * block) {
    const omega = engine.upload(sketchMatrix(W.cols, block));
    let Y = engine.mul(W, omega);
    engine.free(omega);
    let Z: Resident | null = null;
    // W^T Y and Y's Gram eigenvectors from the last coupling, when one was measured: the next
    // power iteration starts from it instead of forming W^T Q again.
    let V: Resident | null = null;
    let previous: { values: number[]; vectors: Mat } | null = null;
    // V^T V when the last certificate read it: the Gram matrix of V S is then S^T (V^T V) S.
    let vv: Mat | null = null;
    for (let q = 0; q < MAX_POWER_ITERATIONS; q++) {
      let raw: Resident;
      let rawGram: Mat | null = null;
      if (V && previous) {
        // W^T Q for Q = Y G Lambda^{-1/2}, an orthonormal basis of span(Y): the same subspace.
        const s = scaledColumns(previous.vectors, previous.values.map((v) => (v > 0 ? v ** -0.5 : 0)));
        const S = engine.upload(s);
        raw = side.times(V, S);
        engine.free(S, V, Y);
        V = null;
        if (vv) rawGram = multiply(multiply(s, vv, true, false), s);
      } else {
        const Q = await orthonormalise(Y, engine);
        raw = side.fromLeft(Q);
        engine.free(Q);
      }
      if (Z) engine.free(Z);
      Z = await orthonormalise(raw, engine, side.rows, rawGram);
      Y = side.apply(Z);
      // A layer of the same shape was not certified in fewer steps: do not pay for trying. Where
      // reads are costly, trying costs one read and saves the next step's first one (its V).
      if (!engine.fewReads && q + 1 < (hint?.powerSteps ?? 1) && block === first) continue;
      // Where reads are costly, all the certificate may need comes back in one read (its V is
      // then always formed, and the next power iteration starts from it).
      const batch = engine.fewReads ? await readCertificate(W, Y, Z, side, engine, residualStart(W.cols)) : null;
      let gram: Mat;
      if (batch) ({ gram, V, vv } = batch);
      else {
        const G = engine.mul(Y, Y, true, false);
        gram = await engine.read(G);
        engine.free(G);
      }
      const { values, vectors } = symmetricEigen(gram);
      previous = { values, vectors };
      const sigma = values.map((v) => Math.sqrt(Math.max(v, 0)));
      // Spare columns count the block drawn, not the directions found: a missing one had no energy.
      let rank = certifiedRank(sigma, total, energy, maxRank, block);
      const candidate = candidateRank(sigma, total, energy);
      if (rank === null && candidate !== null && candidate + OVERSAMPLE / 2 <= block) {
        const kept = values.map((v) => Math.max(v, 0));
        V ??= side.fromLeft(Y);
        const coupling = batch ? batch.coupling(vectors) : await couplingOf(V, Z, values, vectors, side, engine);
        // As if the block had missed no direction at all: when even that leaves the rank open,
        // the estimate of the largest missed one (7 thin products) cannot help.
        if (certifiedRank(sigma, total, energy, maxRank, block, spectralUpper(kept, total, { ...coupling, top: 0 })) !== null) {
          const top = (batch ? batch.residualTop : await residualTop(W, Z, side, engine)) * residualSafetyFactor(W.cols);
          rank = certifiedRank(sigma, total, energy, maxRank, block, spectralUpper(kept, total, { ...coupling, top }));
        }
      }
      if (rank !== null) {
        engine.free(Z);
        if (V) engine.free(V);
        return { ...(await leftBasis(Y, values, vectors, sigma, rank, engine)), sigma, powerSteps: q + 1 };
      }
      // Too little energy in the block, or the rank too near its edge: only a larger block helps.
      if (candidate === null || candidate + OVERSAMPLE / 2 > block) break;
    }
    if (V) engine.free(V);
    engine.free(Y, Z!);
  }
  return null;
}

/** The l x l matrix G diag(scale). */
function scaledColumns(G: Mat, scale: number[]): Mat {
  const l = G.rows;
  const out = new Float64Array(l * l);
  for (let i = 0; i < l; i++) for (let j = 0; j < l; j++) out[i * l + j] = G.data[i * l + j] * scale[j];
  return { rows: l, cols: l, data: out };
}

/** U = Y V S^{-1}: the left singular vectors of W P for the leading `rank` values. Frees Y. */
async function leftBasis(Y: Resident, values: number[], vectors: Mat, sigma: number[], rank: number, engine: MatmulEngine) {
  const l = values.length;
  const coords = new Float64Array(l * rank);
  for (let j = 0; j < rank; j++) for (let i = 0; i < l; i++) coords[i * rank + j] = vectors.data[i * l + j] / sigma[j];
  const C = engine.upload({ rows: l, cols: rank, data: coords });
  const YC = engine.mul(Y, C);
  engine.free(Y, C);
  const U = orthonormalColumns(await engine.read(YC));
  engine.free(YC);
  return { U, rank: U.cols };
}

/**
 * How the block couples to the rest, measured on the engine. The coupling of Ritz direction
 * z_i = Z^T g_i is c_i = (I - P) W^T W z_i = (I - P) W^T Y g_i = W^T Y g_i - Z^T g_i lambda_i
 * (since Z W^T Y = Y^T Y), formed as a difference on the engine because its two terms nearly
 * cancel for the leading directions (a difference of Gram matrices would lose it to float32
 * rounding); K = R^T R gives every c_i . c_j. V = W^T Y is the caller's (kept for the next
 * power iteration).
 */
async function couplingOf(V: Resident, Z: Resident, values: number[], vectors: Mat, side: RowSide, engine: MatmulEngine) {
  const G = engine.upload(vectors);
  const GL = engine.upload(scaledColumns(vectors, values));
  const VG = side.times(V, G);
  const ZGL = side.times(Z, GL);
  engine.free(G, GL);
  const R = engine.sub(VG, ZGL);
  engine.free(VG, ZGL);
  const KR = side.gram(R);
  engine.free(R);
  const K = await engine.read(KR);
  engine.free(KR);
  return couplingBounds(K);
}

/**
 * Largest Ritz value of E^T E, E = W (I - Z^T Z), on span(A^q X) with A = E^T E, q =
 * RESIDUAL_STEPS and X seeded Gaussian columns: a lower estimate of sigma_max(E)^2 that
 * `residualSafetyFactor` turns into an upper bound. E is never formed: each step applies W^T W
 * and projects out span(Z).
 */
async function residualTop(W: Resident, Z: Resident, side: RowSide, engine: MatmulEngine): Promise<number> {
  const project = (X: Resident) => projectOut(X, Z, side, engine);
  let X = project(engine.upload(residualStart(W.cols), side.rows));
  for (let step = 0; step < RESIDUAL_STEPS; step++) {
    const WX = side.apply(X);
    engine.free(X);
    const HX = side.fromLeft(WX);
    engine.free(WX);
    X = await orthonormalise(project(HX), engine, side.rows);
  }
  const WX = side.apply(X);
  engine.free(X);
  const G = engine.mul(WX, WX, true, false);
  engine.free(WX);
  const g = await engine.read(G);
  engine.free(G);
  return Math.max(symmetricEigen(g).values[0] ?? 0, 0);
}

/** The seeded Gaussian start of `residualTop` (n x RESIDUAL_VECTORS), drawn once per n. */
export function residualStart(n: number): Mat {
  return sketchMatrix(n, RESIDUAL_VECTORS, RESIDUAL_SEED);
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
