import { beforeAll, describe, expect, it } from 'vitest';
import { principalAnglesDeg } from '../linalg/angles';
import { engineCases } from '../test-support/engines';
import { powerLawMatrix } from '../synthetic/power-law';
import { plantedTasks } from '../synthetic/planted';
import { decomposeMatrices } from './decompose-matrices';
import { defaultDecomposeOptions } from './options';
import { multiply, transposeLayerFirst } from '../linalg/engine';
import { frobenius2 } from '../linalg/mat';
import { firstBlock, pivotedCholeskyInverse, prefersRandomized, randomizedBasis, randomizedResidentBasis } from './randomized-basis';
import { certifiedRank } from './rank-certificate';
import { exactBasis } from './task-basis';

const powerLaw = powerLawMatrix;

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

describe('pivotedCholeskyInverse', () => {
  it('maps the independent columns of Y to an orthonormal basis of its span and drops dependent ones', () => {
    // 6 columns: 4 independent, one a combination of two others, one zero.
    const base = powerLaw(40, 4, 4, 1, 0, 9);
    const Y = { rows: 40, cols: 6, data: new Float64Array(40 * 6) };
    for (let i = 0; i < 40; i++) {
      const b = base.data.subarray(i * 4, i * 4 + 4);
      Y.data.set([b[0], b[1], b[0] - 2 * b[2], b[2], 0, b[3]], i * 6);
    }
    const T = pivotedCholeskyInverse(multiply(Y, Y, true, false));
    expect(T.cols).toBe(4);
    const Q = multiply(Y, T);
    const G = multiply(Q, Q, true, false);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(G.data[i * 4 + j]).toBeCloseTo(i === j ? 1 : 0, 9);
    // Q spans the columns of Y: the residual of Y after projecting onto Q vanishes.
    const residual = multiply(Q, multiply(Q, Y, true, false));
    for (let i = 0; i < Y.data.length; i++) expect(residual.data[i]).toBeCloseTo(Y.data[i], 9);
  });
});

describe('firstBlock', () => {
  it('starts from the rank of the previous layer of the same shape, and skips the sketch when that rank is near full', () => {
    expect(firstBlock(null, null, 384)).toBe(32);
    expect(firstBlock(10, null, 384)).toBe(24); // 1.25 * 10 + 10, rounded up to a multiple of 8
    expect(firstBlock(0, null, 384)).toBe(16);
    expect(firstBlock(200, null, 384)).toBe(264);
    expect(firstBlock(300, null, 384)).toBe(0); // 385 columns would pass half the smaller side
    expect(firstBlock(300, 20, 384)).toBe(30); // the cap bounds the block
    expect(firstBlock(null, 5, 384)).toBe(15);
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

  it('starts from a hint of the same shape: its block and power steps, the same certified rank', async () => {
    const W = powerLaw(300, 600, 64, 0.5, 0.6, 11);
    const resident = engine.upload(W);
    const total = frobenius2(W);
    const cold = await randomizedResidentBasis(resident, total, 0.9, null, engine);
    const warm = await randomizedResidentBasis(resident, total, 0.9, null, engine, { rank: cold!.rank, powerSteps: 3 });
    engine.free(resident);
    expect(warm!.rank).toBe(cold!.rank);
    expect(warm!.rank).toBe((await exactBasis(W, 0.9, null, engine)).rank);
    expect(warm!.powerSteps).toBe(3); // steps 1 and 2 were not certified
  });

  it('is deterministic and honours the rank cap', async () => {
    const W = powerLaw(300, 280, 40, 1, 0.01, 6);
    const a = await randomizedBasis(W, 1, 5, engine);
    const b = await randomizedBasis(W, 1, 5, engine);
    expect(a!.rank).toBe(5);
    expect(Array.from(a!.U.data)).toEqual(Array.from(b!.U.data));
  });
});

describe.each(engineCases.slice(0, 2))('METHOD.md properties on the randomized path ($label)', ({ setup, engine }) => {
  beforeAll(setup);

  it('recovers a planted shared subspace at d = 300 and splits exactly', async () => {
    const { tasks, shared: truth } = plantedTasks({ d: 300, n: 280, k: 3, sharedDim: 3, privateDim: 4, noise: 0.01, seed: 7 });
    expect(prefersRandomized(300, 280)).toBe(true);
    const split = await decomposeMatrices(tasks, defaultDecomposeOptions, engine);
    expect(split.diagnostics.sharedDim).toBe(3);
    for (const angle of principalAnglesDeg(split.basis, truth)) expect(angle).toBeLessThan(2.5);
    tasks.forEach((W, i) => {
      for (let j = 0; j < W.data.length; j++) expect(Math.abs(split.shared[i][j] + split.unique[i][j] - W.data[j])).toBeLessThan(1e-5);
    });
  });

  it('gives rank 0 for an all-zero task', async () => {
    const zero = { rows: 300, cols: 280, data: new Float64Array(300 * 280) };
    expect((await randomizedBasis(zero, 0.9, null, engine))?.rank ?? 0).toBe(0);
  });
});

describe.each(engineCases.slice(2))('a layer tall enough to be transposed before W^T Q ($label)', ({ setup, engine }) => {
  beforeAll(setup);

  it('finds the same ranks, shared subspace and factors as the exact path', async () => {
    const { tasks, shared: truth } = plantedTasks({ d: 16384, n: 300, k: 2, sharedDim: 3, privateDim: 4, noise: 0.01, seed: 5 });
    const tasks32 = tasks.map((W) => ({ ...W, data: Float32Array.from(W.data) }));
    expect(transposeLayerFirst(16384, 300)).toBe(true);
    const fast = await decomposeMatrices(tasks32, defaultDecomposeOptions, engine, 'randomized');
    const exact = await decomposeMatrices(tasks32, defaultDecomposeOptions, engine, 'exact');
    expect(fast.diagnostics.basisPaths).toEqual(['randomized', 'randomized']);
    expect(fast.diagnostics.ranks).toEqual(exact.diagnostics.ranks);
    expect(fast.diagnostics.sharedDim).toBe(3);
    expect(exact.diagnostics.sharedDim).toBe(3);
    for (const angle of principalAnglesDeg(fast.basis, truth)) expect(angle).toBeLessThan(2.5);
    for (const angle of principalAnglesDeg(fast.basis, exact.basis)) expect(angle).toBeLessThan(0.5);
    fast.shared.forEach((part, i) => {
      let diff = 0;
      let size = 0;
      for (let j = 0; j < part.length; j++) {
        diff += (part[j] - exact.shared[i][j]) ** 2;
        size += exact.shared[i][j] ** 2;
      }
      expect(Math.sqrt(diff / size)).toBeLessThan(1e-3);
    });
  });
});

describe.each(engineCases.slice(2))('ranks on real-looking spectra equal the exact path ($label)', ({ setup, engine }) => {
  beforeAll(setup);

  // Rank 64 (weights j^-1/2) plus a noise floor: the 0.9-energy rank sits a little below 64, where
  // the Frobenius bound alone never decides. Power law: full rank, sigma_j ~ 1/j.
  const spectra = {
    'rank 64 + noise floor': (d: number, n: number, seed: number) => powerLaw(d, n, 64, 0.5, 0.6, seed),
    'power law, full rank': (d: number, n: number, seed: number) => powerLaw(d, n, Math.min(d, n), 1, 0, seed),
  };
  it.each(
    Object.keys(spectra).flatMap((spectrum) =>
      [
        [300, 600],
        [600, 300],
      ].flatMap(([d, n]) => [2, 3, 8].map((k) => ({ spectrum: spectrum as keyof typeof spectra, d, n, k }))),
    ),
  )('$spectrum, $d x $n, k = $k', async ({ spectrum, d, n, k }) => {
    const tasks = Array.from({ length: k }, (_, i) => spectra[spectrum](d, n, 100 * k + i));
    const fast = await decomposeMatrices(tasks, defaultDecomposeOptions, engine, 'auto');
    const exact = await decomposeMatrices(tasks, defaultDecomposeOptions, engine, 'exact');
    expect(fast.diagnostics.basisPaths).toEqual(tasks.map(() => 'randomized'));
    expect(fast.diagnostics.ranks).toEqual(exact.diagnostics.ranks);
    expect(fast.diagnostics.sharedDim).toBe(exact.diagnostics.sharedDim);
    tasks.forEach((W, i) => {
      for (let j = 0; j < W.data.length; j += 97) expect(Math.abs(fast.shared[i][j] + fast.unique[i][j] - W.data[j])).toBeLessThan(1e-5);
    });
  });
});
