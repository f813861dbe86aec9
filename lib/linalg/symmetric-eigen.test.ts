import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../util/random';
import { powerLawMatrix } from '../synthetic/power-law';
import { multiply } from './engine';
import type { Mat } from './mat';
import { symmetricEigen, symmetricEigenTop } from './symmetric-eigen';

/** Q diag(values) Q^T for a seeded random orthogonal Q (Gram-Schmidt of a Gaussian matrix). */
function withSpectrum(values: number[], seed: number): Mat {
  const n = values.length;
  const g = gaussian(mulberry32(seed));
  const q: number[][] = [];
  while (q.length < n) {
    const v = Array.from({ length: n }, () => g());
    for (const u of q) {
      const dot = u.reduce((s, x, i) => s + x * v[i], 0);
      for (let i = 0; i < n; i++) v[i] -= dot * u[i];
    }
    const norm = Math.hypot(...v);
    q.push(v.map((x) => x / norm));
  }
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) data[i * n + j] += q[k][i] * values[k] * q[k][j];
  return { rows: n, cols: n, data };
}

function randomSymmetric(n: number, seed: number): Mat {
  const g = gaussian(mulberry32(seed));
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) data[i * n + j] = data[j * n + i] = g();
  return { rows: n, cols: n, data };
}

/** ||A V - V diag(values)||_max and ||V^T V - I||_max. */
function residuals(a: Mat, values: number[], V: Mat) {
  const n = a.rows;
  let fit = 0;
  let orth = 0;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      let av = 0;
      for (let k = 0; k < n; k++) av += a.data[i * n + k] * V.data[k * n + j];
      fit = Math.max(fit, Math.abs(av - values[j] * V.data[i * n + j]));
    }
    for (let c = 0; c < n; c++) {
      let dot = 0;
      for (let k = 0; k < n; k++) dot += V.data[k * n + j] * V.data[k * n + c];
      orth = Math.max(orth, Math.abs(dot - (j === c ? 1 : 0)));
    }
  }
  return { fit, orth };
}

describe('symmetricEigen', () => {
  it.each([1, 2, 3, 17, 64, 130])('decomposes a random symmetric %i x %i matrix like ml-matrix, values descending', (n) => {
    const a = randomSymmetric(n, n);
    const { values, vectors } = symmetricEigen(a);
    const reference = new EigenvalueDecomposition(new Matrix(Array.from({ length: n }, (_, i) => Array.from(a.data.subarray(i * n, (i + 1) * n)))), { assumeSymmetric: true })
      .realEigenvalues.slice()
      .sort((x, y) => y - x);
    values.forEach((v, i) => expect(v).toBeCloseTo(reference[i], 10));
    for (let i = 1; i < n; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
    const { fit, orth } = residuals(a, values, vectors);
    expect(fit).toBeLessThan(1e-11 * n);
    expect(orth).toBeLessThan(1e-12 * n);
  });

  it('handles repeated, zero and widely spread eigenvalues (a Gram matrix with float32-sized noise)', () => {
    const spectra = [
      [5, 5, 5, 1, 1, 0, 0, 0],
      Array.from({ length: 40 }, (_, i) => 10 ** (-i / 3)),
      [...Array.from({ length: 12 }, (_, i) => 1 / (i + 1) ** 2), ...new Array(20).fill(1e-14)],
    ];
    spectra.forEach((spectrum, s) => {
      const a = withSpectrum(spectrum, 11 + s);
      const { values, vectors } = symmetricEigen(a);
      const sorted = [...spectrum].sort((x, y) => y - x);
      values.forEach((v, i) => expect(Math.abs(v - sorted[i])).toBeLessThan(1e-12 * sorted[0] * spectrum.length));
      const { fit, orth } = residuals(a, values, vectors);
      expect(fit).toBeLessThan(1e-12 * sorted[0] * spectrum.length);
      expect(orth).toBeLessThan(1e-12 * spectrum.length);
    });
  });

  it('converges on the Gram matrix of a low-rank layer with a tail twelve decades down', () => {
    // A convergence test against the neighbouring diagonal entries never ended on this one.
    const W = powerLawMatrix(280, 300, 20, 3, 1e-6, 5);
    const G = multiply(W, W, false, true);
    const { values, vectors } = symmetricEigen(G);
    const { fit, orth } = residuals(G, values, vectors);
    expect(fit).toBeLessThan(1e-12 * values[0] * 280);
    expect(orth).toBeLessThan(1e-12 * 280);
  });

  it('returns the identity basis for a diagonal or zero matrix', () => {
    const zero = symmetricEigen({ rows: 3, cols: 3, data: new Float64Array(9) });
    expect(zero.values).toEqual([0, 0, 0]);
    expect(residuals({ rows: 3, cols: 3, data: new Float64Array(9) }, zero.values, zero.vectors).orth).toBeLessThan(1e-15);
    const diag = symmetricEigen({ rows: 3, cols: 3, data: Float64Array.from([1, 0, 0, 0, 3, 0, 0, 0, 2]) });
    expect(diag.values).toEqual([3, 2, 1]);
    expect(Array.from(diag.vectors.data).map(Math.abs)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
  });

  it('uses the symmetric part of a slightly asymmetric input (float32 Gram products are not exactly symmetric)', () => {
    const a = randomSymmetric(6, 3);
    const skewed = { ...a, data: a.data.map((x, i) => x + (i % 7 === 0 ? 0 : 1e-7 * ((i * 31) % 5 - 2))) };
    const sym = { ...a, data: new Float64Array(36) };
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) sym.data[i * 6 + j] = 0.5 * (skewed.data[i * 6 + j] + skewed.data[j * 6 + i]);
    const { values, vectors } = symmetricEigen(skewed);
    expect(residuals(sym, values, vectors).fit).toBeLessThan(1e-12);
  });
});

describe('symmetricEigenTop', () => {
  /** ||A v_j - lambda_j v_j|| and ||V^T V - I|| over the r vectors returned. */
  function topResiduals(a: Mat, values: number[], V: Mat) {
    const n = a.rows;
    let fit = 0;
    let orth = 0;
    for (let j = 0; j < V.cols; j++) {
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let k = 0; k < n; k++) av += a.data[i * n + k] * V.data[k * V.cols + j];
        fit = Math.max(fit, Math.abs(av - values[j] * V.data[i * V.cols + j]));
      }
      for (let c = 0; c < V.cols; c++) {
        let dot = 0;
        for (let k = 0; k < n; k++) dot += V.data[k * V.cols + j] * V.data[k * V.cols + c];
        orth = Math.max(orth, Math.abs(dot - (j === c ? 1 : 0)));
      }
    }
    return { fit, orth };
  }

  it.each([
    ['random symmetric', randomSymmetric(90, 4), 12],
    ['repeated leading values', withSpectrum([4, 4, 4, 4, 2, 2, 1, 0.5, 0, 0, 0, 0], 21), 7],
    ['low rank with a tail twelve decades down', multiply(powerLawMatrix(120, 150, 20, 3, 1e-6, 5), powerLawMatrix(120, 150, 20, 3, 1e-6, 5), false, true), 25],
  ] as const)('gives every value and the leading vectors of the full decomposition: %s', (_label, a, r) => {
    const full = symmetricEigen(a);
    const top = symmetricEigenTop(a, (values) => {
      values.forEach((v, i) => expect(v).toBeCloseTo(full.values[i], 10));
      return r;
    });
    expect(top.vectors.cols).toBe(r);
    const scale = Math.max(Math.abs(full.values[0]), 1) * a.rows;
    const { fit, orth } = topResiduals(a, top.values, top.vectors);
    expect(fit).toBeLessThan(1e-12 * scale);
    expect(orth).toBeLessThan(1e-12 * a.rows);
    // Same subspace as the full decomposition's leading r vectors where the r-th value is separated.
    if (full.values[r - 1] - full.values[r] > 1e-6 * scale) {
      let captured = 0;
      for (let j = 0; j < r; j++)
        for (let c = 0; c < r; c++) {
          let dot = 0;
          for (let k = 0; k < a.rows; k++) dot += top.vectors.data[k * r + j] * full.vectors.data[k * a.rows + c];
          captured += dot * dot;
        }
      expect(captured).toBeCloseTo(r, 8);
    }
  });

  it('returns no vectors when none are asked for', () => {
    const top = symmetricEigenTop(randomSymmetric(5, 1), () => 0);
    expect(top.values).toHaveLength(5);
    expect(top.vectors.cols).toBe(0);
  });
});
