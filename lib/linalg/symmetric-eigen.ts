import type { Mat } from './mat';

/**
 * Eigen-decomposition of a symmetric n x n matrix in float64 on flat arrays: Householder
 * reduction to tridiagonal form, then implicit QL steps with Wilkinson-type shifts, rotations
 * accumulated into the eigenvectors. Same algorithm family as ml-matrix's, without its
 * per-element accessors: the rank-sized problems of the randomized path (64 x 64, several per
 * layer and task) run several times faster. Only the lower triangle of the average
 * (A + A^T) / 2 is used. Values descending; `vectors` is n x n row-major, column j the
 * eigenvector of value j.
 */
export function symmetricEigen(a: Mat): { values: number[]; vectors: Mat } {
  const n = a.rows;
  if (a.cols !== n) throw new Error(`symmetricEigen: ${a.rows} x ${a.cols} is not square`);
  // Working copy, symmetrised.
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) A[i * n + j] = A[j * n + i] = 0.5 * (a.data[i * n + j] + a.data[j * n + i]);
  const d = new Float64Array(n);
  const e = new Float64Array(n); // e[i] couples i and i + 1; e[n - 1] = 0
  // Zt: the orthogonal factor stored by rows (row i = column i of Q), so rotations touch contiguous memory.
  const Zt = tridiagonalise(A, n, d, e).Qt!;
  tridiagonalQL(d, e, Zt, n);
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => d[y] - d[x]);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    for (let k = 0; k < n; k++) vectors[k * n + dst] = Zt[src * n + k];
  });
  return { values: order.map((i) => d[i]), vectors: { rows: n, cols: n, data: vectors } };
}

/** H = I - 2 v v^T, v a unit vector supported on k + 1 .. n - 1. */
interface Reflector {
  k: number;
  v: Float64Array;
}

/**
 * Every eigenvalue, but eigenvectors only for the leading `count(values)` of them: the exact
 * task-subspace path needs the whole spectrum to find the energy rank r, and then only r vectors
 * (r is usually far below n = min(d_out, d_in), e.g. 20 of 768). The QL sweeps run without
 * rotating vectors; each wanted vector is found by inverse iteration on the tridiagonal matrix
 * (re-orthogonalised against the others of its cluster, so repeated eigenvalues get an
 * orthonormal basis) and mapped back through the Householder reflectors: O(n^2 r) instead of
 * O(n^3) for the vectors.
 */
export function symmetricEigenTop(a: Mat, count: (values: number[]) => number): { values: number[]; vectors: Mat } {
  const n = a.rows;
  if (a.cols !== n) throw new Error(`symmetricEigenTop: ${a.rows} x ${a.cols} is not square`);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) A[i * n + j] = A[j * n + i] = 0.5 * (a.data[i * n + j] + a.data[j * n + i]);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const { reflectors } = tridiagonalise(A, n, d, e, false);
  const diag = d.slice();
  const off = e.slice();
  tridiagonalQL(d, e, null, n);
  const values = Array.from(d).sort((x, y) => y - x);
  const r = Math.max(0, Math.min(n, Math.floor(count(values))));
  let norm = 0;
  for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(diag[i]) + Math.abs(off[i]) + (i > 0 ? Math.abs(off[i - 1]) : 0));
  const found: Float64Array[] = [];
  for (let j = 0; j < r; j++) {
    // Earlier vectors within 1e-3 ||T|| of this value form its cluster: stay orthogonal to them.
    const cluster = found.filter((_, i) => Math.abs(values[i] - values[j]) <= 1e-3 * norm);
    found.push(inverseIteration(diag, off, n, values[j], norm, cluster, j));
  }
  const vectors = new Float64Array(n * r);
  found.forEach((x, j) => {
    for (let q = reflectors.length - 1; q >= 0; q--) {
      const { k, v } = reflectors[q];
      let dot = 0;
      for (let i = k + 1; i < n; i++) dot += v[i] * x[i];
      dot *= 2;
      for (let i = k + 1; i < n; i++) x[i] -= dot * v[i];
    }
    for (let i = 0; i < n; i++) vectors[i * r + j] = x[i];
  });
  return { values, vectors: { rows: n, cols: r, data: vectors } };
}

/**
 * Eigenvector of the tridiagonal (d, e) for the eigenvalue `value`: three solves with
 * T - value I (Gaussian elimination with partial pivoting; a zero pivot is replaced by eps ||T||,
 * which is what makes the solve amplify the wanted direction), each followed by
 * re-orthogonalisation against `against` and normalisation. Start vector seeded by `seed`.
 */
function inverseIteration(d: Float64Array, e: Float64Array, n: number, value: number, norm: number, against: Float64Array[], seed: number): Float64Array {
  const tiny = 2 ** -52 * Math.max(norm, Number.MIN_VALUE);
  const u0 = new Float64Array(n);
  const u1 = new Float64Array(n);
  const u2 = new Float64Array(n);
  const mult = new Float64Array(n);
  const swap = new Uint8Array(n);
  let a = d[0] - value;
  let b = n > 1 ? e[0] : 0;
  for (let i = 0; i + 1 < n; i++) {
    const c = e[i];
    const next = d[i + 1] - value;
    const after = i + 2 < n ? e[i + 1] : 0;
    if (Math.abs(a) >= Math.abs(c)) {
      if (a === 0) a = tiny;
      const m = c / a;
      u0[i] = a;
      u1[i] = b;
      u2[i] = 0;
      mult[i] = m;
      a = next - m * b;
      b = after;
    } else {
      const m = a / c;
      u0[i] = c;
      u1[i] = next;
      u2[i] = after;
      mult[i] = m;
      swap[i] = 1;
      a = b - m * next;
      b = -m * after;
    }
  }
  u0[n - 1] = Math.abs(a) < tiny ? (a < 0 ? -tiny : tiny) : a;
  for (let i = 0; i + 1 < n; i++) if (Math.abs(u0[i]) < tiny) u0[i] = u0[i] < 0 ? -tiny : tiny;

  // Deterministic start with every component non-zero.
  let x = new Float64Array(n);
  let state = (seed * 2654435761 + 12345) >>> 0;
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    x[i] = 0.5 + state / 2 ** 32;
  }
  for (let iter = 0; iter < 3; iter++) {
    const y = x;
    for (let i = 0; i + 1 < n; i++) {
      if (swap[i]) [y[i], y[i + 1]] = [y[i + 1], y[i]];
      y[i + 1] -= mult[i] * y[i];
    }
    const z = new Float64Array(n);
    for (let i = n - 1; i >= 0; i--) {
      let s = y[i];
      if (i + 1 < n) s -= u1[i] * z[i + 1];
      if (i + 2 < n) s -= u2[i] * z[i + 2];
      z[i] = s / u0[i];
    }
    for (let pass = 0; pass < 2; pass++) {
      for (const q of against) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += q[i] * z[i];
        for (let i = 0; i < n; i++) z[i] -= dot * q[i];
      }
    }
    let len = 0;
    for (let i = 0; i < n; i++) len += z[i] * z[i];
    len = Math.sqrt(len);
    if (!(len > 0) || !Number.isFinite(len)) throw new Error('symmetricEigenTop: inverse iteration failed');
    for (let i = 0; i < n; i++) z[i] /= len;
    x = z;
  }
  return x;
}

/**
 * Householder reduction A = Q T Q^T (A symmetric, overwritten). Fills the diagonal d and
 * off-diagonal e of T and returns Q^T row-major (its rows are Q's columns).
 */
function tridiagonalise(A: Float64Array, n: number, d: Float64Array, e: Float64Array, accumulate = true): { Qt: Float64Array | null; reflectors: Reflector[] } {
  const Qt = accumulate ? new Float64Array(n * n) : null;
  if (Qt) for (let i = 0; i < n; i++) Qt[i * n + i] = 1;
  const reflectors: Reflector[] = [];
  const w = new Float64Array(n);
  for (let k = 0; k + 2 < n; k++) {
    // Reflect x = A[k+1.., k] onto alpha e_1.
    let norm2 = 0;
    for (let i = k + 1; i < n; i++) norm2 += A[i * n + k] ** 2;
    const x0 = A[(k + 1) * n + k];
    const alpha = x0 > 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
    const vnorm2 = norm2 - x0 * x0 + (x0 - alpha) ** 2;
    if (norm2 === 0 || vnorm2 === 0) {
      e[k] = x0;
      continue;
    }
    const vnorm = Math.sqrt(vnorm2);
    const v = new Float64Array(n);
    for (let i = k + 1; i < n; i++) v[i] = A[i * n + k] / vnorm;
    v[k + 1] = (x0 - alpha) / vnorm;
    reflectors.push({ k, v });
    // A22 <- H A22 H, H = I - 2 v v^T: p = A22 v, w = p - (v^T p) v, A22 -= 2 (v w^T + w v^T).
    let K = 0;
    for (let i = k + 1; i < n; i++) {
      let p = 0;
      const row = i * n;
      for (let j = k + 1; j < n; j++) p += A[row + j] * v[j];
      w[i] = p;
      K += v[i] * p;
    }
    for (let i = k + 1; i < n; i++) w[i] -= K * v[i];
    for (let i = k + 1; i < n; i++) {
      const row = i * n;
      const vi = 2 * v[i];
      const wi = 2 * w[i];
      for (let j = k + 1; j < n; j++) A[row + j] -= vi * w[j] + wi * v[j];
    }
    e[k] = alpha;
    if (!Qt) continue;
    // Q <- Q H: row j of Q^T is column j of Q, so column-space update = combination of rows.
    // (Q H)[:, j] = Q[:, j] - 2 v_j (Q v): with u = Q v = sum_i v_i Qt[i, :].
    const u = new Float64Array(n);
    for (let i = k + 1; i < n; i++) {
      const vi = v[i];
      const row = i * n;
      for (let c = 0; c < n; c++) u[c] += vi * Qt[row + c];
    }
    for (let i = k + 1; i < n; i++) {
      const s = 2 * v[i];
      const row = i * n;
      for (let c = 0; c < n; c++) Qt[row + c] -= s * u[c];
    }
  }
  for (let i = 0; i < n; i++) d[i] = A[i * n + i];
  if (n >= 2) e[n - 2] = A[(n - 1) * n + n - 2];
  e[n - 1] = 0;
  return { Qt, reflectors };
}

/**
 * Eigenvalues of the symmetric tridiagonal (d, e) by implicit QL sweeps with a shift from the
 * leading 2 x 2 block (Wilkinson's choice), chasing the bulge upward. d receives the
 * eigenvalues; each rotation of rows i, i + 1 is applied to Zt's rows i and i + 1.
 */
function tridiagonalQL(d: Float64Array, e: Float64Array, Zt: Float64Array | null, n: number): void {
  // An off-diagonal counts as zero below eps times the matrix norm (not the neighbouring diagonal
  // entries: with eigenvalues spread over many decades that local test may never be met).
  let norm = 0;
  for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(d[i]) + Math.abs(e[i]) + (i > 0 ? Math.abs(e[i - 1]) : 0));
  const small = 2 ** -52 * norm;
  for (let l = 0; l < n; l++) {
    for (let iter = 0; ; iter++) {
      let m = l;
      while (m < n - 1 && Math.abs(e[m]) > small) m++;
      if (m === l) break;
      if (iter === 100) throw new Error('symmetricEigen: no convergence');
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = Math.sqrt(g * g + 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      let deflated = false;
      for (; i >= l; i--) {
        const f = s * e[i];
        const b = c * e[i];
        r = Math.sqrt(f * f + g * g); // not Math.hypot: several times slower in V8, and these values cannot overflow
        e[i + 1] = r;
        if (r === 0) {
          // A zero off-diagonal appeared: undo the pending shift and restart from the split.
          d[i + 1] -= p;
          e[m] = 0;
          deflated = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        if (!Zt) continue;
        const r0 = i * n;
        const r1 = r0 + n;
        for (let k = 0; k < n; k++) {
          const z1 = Zt[r1 + k];
          const z0 = Zt[r0 + k];
          Zt[r1 + k] = s * z0 + c * z1;
          Zt[r0 + k] = c * z0 - s * z1;
        }
      }
      if (deflated) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
}
