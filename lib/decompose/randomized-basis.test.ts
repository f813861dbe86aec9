import { beforeAll, describe, expect, it } from 'vitest';
import { principalAnglesDeg } from '../linalg/angles';
import type { Mat } from '../linalg/mat';
import { engineCases } from '../test-support/engines';
import { gaussian, mulberry32 } from '../util/random';
import { certifiedRank, prefersRandomized, randomizedBasis } from './randomized-basis';
import { exactBasis } from './task-basis';

/** d x n matrix with singular values sigma_j = j^-power on random orthonormal-ish factors, plus noise. */
function powerLaw(d: number, n: number, r: number, power: number, noise: number, seed: number): Mat {
  const g = gaussian(mulberry32(seed));
  const data = new Float64Array(d * n);
  for (let j = 0; j < r; j++) {
    const s = (j + 1) ** -power;
    const u = Array.from({ length: d }, () => g() / Math.sqrt(d));
    const v = Array.from({ length: n }, () => g() / Math.sqrt(n));
    for (let a = 0; a < d; a++) for (let b = 0; b < n; b++) data[a * n + b] += s * u[a] * v[b];
  }
  for (let i = 0; i < data.length; i++) data[i] += (noise * g()) / Math.sqrt(d * n);
  return { rows: d, cols: n, data };
}

describe('prefersRandomized', () => {
  it('keeps the exact path for small matrices and picks the sketch for wide layers', () => {
    expect(prefersRandomized(64, 768)).toBe(false);
    expect(prefersRandomized(768, 3072)).toBe(true);
  });
});

describe('certifiedRank', () => {
  it('decides only when the remaining energy cannot change the answer', () => {
    // sketch holds 9 + 1 of total 10: top-1 reaches 0.9, top-0 plus residual 0 does not.
    expect(certifiedRank([3, 1], 10, 0.9, null, 20)).toBe(1);
    // residual 5 could hide a direction larger than the second one: undecided.
    expect(certifiedRank([2, 1], 10, 0.4, null, 20)).toBe(null);
    expect(certifiedRank([3, 1], 10, 1, 1, 20)).toBe(1);
  });
});

describe.each(engineCases)('randomizedBasis on $label', ({ setup, engine }) => {
  beforeAll(setup);

  it.each([
    ['power-law', powerLaw(300, 280, 40, 1, 0.01, 3)],
    ['low rank, repeated values', powerLaw(300, 260, 12, 0, 1e-4, 4)],
    ['tiny tail', powerLaw(280, 300, 20, 3, 1e-6, 5)],
  ])('agrees with the exact path on %s (rank and subspace)', async (_label, W) => {
    const fast = await randomizedBasis(W, 0.9, null, engine);
    const exact = await exactBasis(W, 0.9, null, engine);
    expect(fast).not.toBeNull();
    expect(fast!.rank).toBe(exact.rank);
    for (const angle of principalAnglesDeg(fast!.U, exact.U)) expect(angle).toBeLessThan(2);
  });

  it('is deterministic and honours the rank cap', async () => {
    const W = powerLaw(300, 280, 40, 1, 0.01, 6);
    const a = await randomizedBasis(W, 1, 5, engine);
    const b = await randomizedBasis(W, 1, 5, engine);
    expect(a!.rank).toBe(5);
    expect(Array.from(a!.U.data)).toEqual(Array.from(b!.U.data));
  });
});
