import { describe, expect, it } from 'vitest';
import { multiply } from '../linalg/engine';
import { type Mat, frobenius2, orthonormalColumns } from '../linalg/mat';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import { powerLawMatrix } from '../synthetic/power-law';
import { certifiedRank, couplingBounds, frobeniusUpper, residualSafetyFactor, spectralUpper } from './rank-certificate';

const topSums = (values: number[]) => values.reduce<number[]>((acc, v) => [...acc, (acc.at(-1) ?? 0) + Math.max(v, 0)], [0]);

/**
 * Everything the spectral bound needs, computed exactly in float64 for W and the row space of
 * W^T W W^T Omega (a range finder with one power iteration): Ritz values, couplings, and the
 * true sigma_max(E)^2.
 */
function measured(W: Mat, block: number, seed: number) {
  const omega = powerLawMatrix(W.rows, block, block, 0, 0, seed);
  const sketch = multiply(W, omega, true, false);
  const Z = orthonormalColumns(multiply(W, multiply(W, sketch), true, false)); // d_in x l
  const Y = multiply(W, Z);
  const { values, vectors: G } = symmetricEigen(multiply(Y, Y, true, false));
  const V = multiply(W, Y, true, false); // W^T Y
  const VG = multiply(V, G);
  const ZGL = multiply(Z, G);
  for (let i = 0; i < ZGL.rows; i++) for (let j = 0; j < ZGL.cols; j++) ZGL.data[i * ZGL.cols + j] *= values[j];
  const R = { rows: VG.rows, cols: VG.cols, data: VG.data.map((v, i) => v - ZGL.data[i]) };
  const E = multiply(W, { rows: Z.rows, cols: Z.rows, data: multiply(Z, Z, false, true).data.map((v, i) => (i % (Z.rows + 1) === 0 ? 1 : 0) - v) });
  const top = symmetricEigen(multiply(E, E, true, false)).values[0];
  return { values, bounds: { ...couplingBounds(multiply(R, R, true, false)), top } };
}

describe('spectralUpper', () => {
  it.each([
    ['power law', powerLawMatrix(60, 90, 60, 1, 0, 1), 12],
    ['rank 20 + noise floor', powerLawMatrix(90, 60, 20, 0.5, 0.5, 2), 24],
    ['flat spectrum', powerLawMatrix(60, 60, 60, 0, 0.1, 3), 10],
  ])('never falls below the true top-m energy, and is at most the Frobenius bound (%s)', (_label, W, block) => {
    const total = frobenius2(W);
    const truth = topSums(symmetricEigen(multiply(W, W, true, false)).values);
    const { values, bounds } = measured(W, block, 7);
    const upper = spectralUpper(values, total, bounds);
    const frobenius = frobeniusUpper(values, total);
    for (let m = 0; m <= 30; m++) {
      expect(upper(m)).toBeGreaterThanOrEqual(truth[m] * (1 - 1e-9));
      expect(upper(m)).toBeLessThanOrEqual(frobenius(m) * (1 + 1e-12));
    }
  });

  it('decides a power-law rank that the Frobenius bound leaves open', () => {
    const W = powerLawMatrix(120, 200, 120, 1, 0, 4);
    const total = frobenius2(W);
    const { values, bounds } = measured(W, 16, 5);
    const sigma = values.map((v) => Math.sqrt(Math.max(v, 0)));
    const exact = symmetricEigen(multiply(W, W, true, false)).values;
    const truth = topSums(exact).findIndex((s) => s >= 0.9 * total * (1 - 1e-12));
    expect(certifiedRank(sigma, total, 0.9, null, 16)).toBeNull();
    // With the largest uncaptured direction inflated by the factor the range finder applies.
    const safe = { ...bounds, top: bounds.top * residualSafetyFactor(W.cols) };
    expect(certifiedRank(sigma, total, 0.9, null, 16, spectralUpper(values, total, safe))).toBe(truth);
  });
});

describe('residualSafetyFactor', () => {
  it('grows slowly with the dimension and refuses dimensions too small to bound', () => {
    expect(residualSafetyFactor(768)).toBeCloseTo(5.63, 1);
    expect(residualSafetyFactor(3072)).toBeGreaterThan(residualSafetyFactor(768));
    expect(residualSafetyFactor(3072)).toBeLessThan(7.2);
    expect(residualSafetyFactor(4)).toBe(Infinity);
  });
});
