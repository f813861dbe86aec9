/**
 * Certifying an energy rank from a sketch (docs/method.md, "Why the rank is certified").
 * Everything here is host arithmetic on numbers the range finder read back; nothing touches W.
 */

/** Columns of a block beyond the rank it certifies (at least half of them must lie past r). */
export const OVERSAMPLE = 10;

/** Upper bound on the true top-m energy of W, for m = 0, 1, ... */
export type EnergyUpperBound = (m: number) => number;

/**
 * The Frobenius bound: W W^T = (W P)(W P)^T + E E^T with E = W (I - P), so by Ky Fan the top-m
 * energy is at most top_m(W P) + ||E||_F^2, every uncaptured unit of energy counted as if it could
 * join the top m. `values` are sigma_i(W P)^2, descending.
 */
export function frobeniusUpper(values: number[], total: number): EnergyUpperBound {
  const residual = Math.max(total - values.reduce((a, x) => a + x, 0), 0);
  return (m) => prefix(values, m) + residual;
}

/** What the range finder measured about the part of W its block missed. */
export interface ResidualBounds {
  /** ||c_i|| = ||(I - P) W^T W z_i||: how strongly Ritz direction i couples to the uncaptured space. */
  coupling: number[];
  /** An upper bound on lambda_max(D K D), K_ij = c_i . c_j, D = diag(c_i^-1/2) (see `couplingScale`). */
  couplingScale: number;
  /** An upper bound on sigma_max(E)^2, E = W (I - P): no uncaptured direction holds more energy. */
  top: number;
}

/**
 * The spectral bound. In a basis of the Ritz vectors z_i (row side) and of the uncaptured space,
 * W^T W = [[Lambda, C], [C^T, H22]] with row i of C the coupling c_i. For weights w_i > 0,
 * 2 x_i (c_i . y) <= w_i x_i^2 + (c_i . y)^2 / w_i, so W^T W <= diag(Lambda + w, H22 + tau I) in
 * the Loewner order, tau = lambda_max(sum_i c_i c_i^T / w_i); eigenvalues are monotone in that
 * order, so the true top-m energy is at most the sum of the m largest of {lambda_i + w_i} and
 * {eigenvalues of H22 + tau}. Each of the latter is at most `top` + tau and together they are at
 * most ||E||_F^2 + (their count) tau. With w_i = c_i / s, tau <= s couplingScale; s is chosen on a
 * grid. The Frobenius bound and Ky Fan with `top` (top_m(W P) + m top) are kept when smaller.
 */
export function spectralUpper(values: number[], total: number, bounds: ResidualBounds): EnergyUpperBound {
  const frobenius = frobeniusUpper(values, total);
  const residual = Math.max(total - values.reduce((a, x) => a + x, 0), 0);
  const scales: number[] = [];
  if (bounds.couplingScale > 0) for (let e = 0; e <= 48; e++) scales.push((total * 10 ** (-e / 4)) / bounds.couplingScale);
  return (m) => {
    let best = Math.min(frobenius(m), prefix(values, m) + Math.min(residual, m * bounds.top));
    for (const s of scales) {
      const tau = s * bounds.couplingScale;
      const kept = values.map((v, i) => v + bounds.coupling[i] / s).sort((a, b) => b - a);
      let bound = 0;
      let acc = 0;
      for (let j = 0; j <= Math.min(m, kept.length); j++) {
        if (j > 0) acc += kept[j - 1];
        const rest = m - j;
        bound = Math.max(bound, acc + Math.min(rest * (bounds.top + tau), residual + rest * tau));
      }
      best = Math.min(best, bound);
    }
    return best;
  };
}

/**
 * couplingScale from K (l x l, K_ij = c_i . c_j): the smaller of the trace and the largest
 * Gershgorin row sum of D K D, both upper bounds on its largest eigenvalue. Directions with no
 * coupling are left out (their weight can be taken as small as wished).
 */
export function couplingBounds(K: { rows: number; data: ArrayLike<number> }): { coupling: number[]; couplingScale: number } {
  const l = K.rows;
  const coupling = Array.from({ length: l }, (_, i) => Math.sqrt(Math.max(K.data[i * l + i], 0)));
  const tiny = 1e-30 * Math.max(...coupling, 0);
  let trace = 0;
  let gershgorin = 0;
  for (let i = 0; i < l; i++) {
    if (!(coupling[i] > tiny)) continue;
    trace += coupling[i];
    let row = 0;
    for (let j = 0; j < l; j++) if (coupling[j] > tiny) row += Math.abs(K.data[i * l + j]) / Math.sqrt(coupling[i] * coupling[j]);
    gershgorin = Math.max(gershgorin, row);
  }
  return { coupling: coupling.map((c) => (c > tiny ? c : 0)), couplingScale: Math.min(trace, gershgorin) };
}

/** Power steps and vectors of the estimate of sigma_max(E)^2, and the chance it may fall short. */
export const RESIDUAL_STEPS = 3;
export const RESIDUAL_VECTORS = 8;
export const RESIDUAL_FAILURE = 1e-6;

/**
 * f with sigma_max(E)^2 <= f theta except with probability RESIDUAL_FAILURE, theta being the
 * largest Ritz value of E^T E on span(A^q X), A = E^T E, q = RESIDUAL_STEPS, X = RESIDUAL_VECTORS
 * Gaussian columns in R^n. For one column x and a top eigenvector v of A, the moments
 * m_k = x^T A^k x are log-convex, so theta >= m_{2q+1} / m_{2q} >= (m_{2q} / m_0)^{1/2q}
 * >= lambda_1 (|v.x| / ||x||)^{1/q}. It falls short by f only if |v.x| / ||x|| < f^-q, which has
 * probability at most f^-q sqrt(4n / pi) + (2/e)^{n/2} (v.x is standard normal; ||x||^2 > 2n is a
 * chi-square tail); the columns are independent, so all of them fall short with at most that to
 * the power RESIDUAL_VECTORS. Infinite when n is too small for any f to reach the target.
 */
export function residualSafetyFactor(n: number): number {
  const perColumn = RESIDUAL_FAILURE ** (1 / RESIDUAL_VECTORS) - (2 / Math.E) ** (n / 2);
  if (!(perColumn > 0)) return Infinity;
  return Math.max(1, (Math.sqrt((4 * n) / Math.PI) / perColumn) ** (1 / RESIDUAL_STEPS));
}

/**
 * The certified energy rank from the sketch's singular values, or null if undecided. r is right
 * when top_r(W P) >= rho ||W||^2 (interlacing: the true top-r energy is at least that) and the
 * upper bound on the true top-(r-1) energy is below it; at least OVERSAMPLE / 2 columns of the
 * block must lie past r.
 */
export function certifiedRank(
  sigma: number[],
  total: number,
  energy: number,
  maxRank: number | null,
  sketchCols: number,
  upper: EnergyUpperBound = frobeniusUpper(sigma.map((x) => x * x), total),
): number | null {
  const target = energy * total * (1 - 1e-12);
  let acc = 0;
  for (let r = 1; r <= sigma.length; r++) {
    acc += sigma[r - 1] * sigma[r - 1];
    // Upper bound on the true top-(r-1) energy: below the target means the true rank is >= r.
    const below = () => upper(r - 1) < target;
    if (maxRank !== null && r >= maxRank) {
      if (acc >= target) return Math.min(r, maxRank);
      if (below()) return maxRank;
    }
    if (acc >= target) return below() && r + OVERSAMPLE / 2 <= sketchCols ? r : null;
  }
  return null;
}

/** The rank certifiedRank would try: the smallest r whose sketch energy reaches the target (null: none). */
export function candidateRank(sigma: number[], total: number, energy: number): number | null {
  const target = energy * total * (1 - 1e-12);
  let acc = 0;
  for (let r = 1; r <= sigma.length; r++) if ((acc += sigma[r - 1] ** 2) >= target) return r;
  return null;
}

function prefix(values: number[], m: number): number {
  let s = 0;
  for (let i = 0; i < Math.min(m, values.length); i++) s += values[i];
  return s;
}
