import { describe, expect, it, beforeAll } from 'vitest';
import { type Mat, orthonormalColumns } from '../linalg/mat';
import { principalAnglesDeg } from '../linalg/angles';
import { plantedTasks } from '../synthetic/planted';
import { engineCases } from '../test-support/engines';
import { gaussian, mulberry32 } from '../util/random';
import { decomposeMatrices as decompose } from './decompose-matrices';
import { denseReferenceSplit } from './dense-reference';
import { defaultDecomposeOptions as defaults, type DecomposeOptions } from './options';

const opts = (o: Partial<DecomposeOptions> = {}): DecomposeOptions => ({ ...defaults, ...o });
const norm2 = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x * x, 0);
const relDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += (a[i] - b[i]) ** 2;
  return Math.sqrt(d / Math.max(norm2(b), 1e-30));
};
/** ||Z1 Z1^T - Z2 Z2^T|| through principal angles: 0 degrees everywhere means the same subspace. */
const sameSubspace = (a: Mat, b: Mat, tolDeg: number) => {
  expect(a.cols).toBe(b.cols);
  for (const angle of principalAnglesDeg(a, b)) expect(angle).toBeLessThan(tolDeg);
};
const plantedAt = (seed: number, extra: Partial<Parameters<typeof plantedTasks>[0]> = {}) =>
  plantedTasks({ d: 48, n: 24, k: 3, sharedDim: 3, privateDim: 4, noise: 0.01, seed, ...extra });

/**
 * Every property on both task-subspace paths: `auto` takes the exact path at these sizes, and
 * `randomized` forces the range finder (on slightly larger matrices, so that its block, at most
 * half the smaller side, can certify the ranks without falling back).
 */
const cases = engineCases.flatMap((e) => (['auto', 'randomized'] as const).map((path) => ({ ...e, path, label: `${e.label}, ${path} path` })));

describe.each(cases)('decomposeMatrices on $label', ({ setup, engine, tol, path }) => {
  beforeAll(setup);
  const size = path === 'randomized' ? { d: 64, n: 48 } : {};
  const planted = (seed: number, extra: Partial<Parameters<typeof plantedTasks>[0]> = {}) => plantedAt(seed, { ...extra, ...size });
  const decomposeMatrices = (Ws: Mat[], o: DecomposeOptions, e: typeof engine) => decompose(Ws, o, e, path);

  it('splits exactly: shared + unique == tau, and unique is orthogonal to the shared subspace', async () => {
    const { tasks } = planted(1);
    const { shared, unique, basis } = await decomposeMatrices(tasks, opts(), engine);
    tasks.forEach((W, i) => {
      for (let j = 0; j < W.data.length; j++) expect(Math.abs(shared[i][j] + unique[i][j] - W.data[j])).toBeLessThanOrEqual(1e-6 * Math.abs(W.data[j]) + 1e-7);
      // Z^T unique_i ~ 0
      let worst = 0;
      for (let c = 0; c < basis.cols; c++)
        for (let col = 0; col < W.cols; col++) {
          let dot = 0;
          for (let r = 0; r < W.rows; r++) dot += basis.data[r * basis.cols + c] * unique[i][r * W.cols + col];
          worst = Math.max(worst, Math.abs(dot));
        }
      expect(worst).toBeLessThan(tol * 10 * Math.sqrt(norm2(W.data)));
    });
  });

  it('recovers a planted shared subspace: dimension and direction', async () => {
    for (const seed of [2, 3, 4]) {
      const { tasks, shared: truth } = planted(seed, { k: 2 + (seed % 3), sharedDim: 2 + (seed % 2) });
      // rho high enough that every task subspace holds all its signal directions: at the default
      // 0.9 a dropped weak direction mixes private into shared singular vectors and tilts them.
      const { basis, diagnostics } = await decomposeMatrices(tasks, opts({ energy: 0.995 }), engine);
      expect(diagnostics.basisPaths).toEqual(tasks.map(() => (path === 'randomized' ? 'randomized' : 'exact')));
      expect(diagnostics.sharedDim).toBe(truth.cols);
      sameSubspace(basis, truth, 1.5);
    }
  });

  it('is invariant to scaling a task vector and to a common right rotation', async () => {
    const { tasks } = planted(5);
    const ref = await decomposeMatrices(tasks, opts(), engine);
    const scaled = tasks.map((W, i) => ({ ...W, data: W.data.map((x) => x * (i + 0.5) * 3) }));
    sameSubspace((await decomposeMatrices(scaled, opts(), engine)).basis, ref.basis, 0.05);
    const g = gaussian(mulberry32(9));
    const n = tasks[0].cols;
    const R = orthonormalColumns({ rows: n, cols: n, data: new Float64Array(n * n).map(() => g()) });
    const rotated = tasks.map((W) => {
      const out = new Float32Array(W.rows * n);
      for (let i = 0; i < W.rows; i++)
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let p = 0; p < n; p++) s += W.data[i * n + p] * R.data[p * n + j];
          out[i * n + j] = s;
        }
      return { rows: W.rows, cols: n, data: out };
    });
    sameSubspace((await decomposeMatrices(rotated, opts(), engine)).basis, ref.basis, 0.05);
  });

  it('does not depend on task order for k = 2, even when the subspaces are tilted', async () => {
    const { tasks } = planted(6, { k: 2, noise: 0.3 });
    const ab = await decomposeMatrices(tasks, opts({ eta: 0.5 }), engine);
    const ba = await decomposeMatrices([tasks[1], tasks[0]], opts({ eta: 0.5 }), engine);
    expect(ab.diagnostics.sharedDim).toBeGreaterThan(0);
    sameSubspace(ab.basis, ba.basis, 0.05);
    expect(relDiff(ab.shared[0], ba.shared[1])).toBeLessThan(tol * 10);
  });

  it('handles k = 1, identical and zero task vectors', async () => {
    // 48 x 24 on both paths: every direction is above the rank tolerance, so energy = 1 is full rank.
    const { tasks } = plantedAt(7);
    const one = await decomposeMatrices([tasks[0]], opts(), engine);
    expect(one.diagnostics.sharedDim).toBe(0);
    expect(norm2(one.shared[0])).toBe(0);
    expect(Array.from(one.unique[0])).toEqual(Array.from(tasks[0].data));

    const same = [tasks[0], { ...tasks[0], data: tasks[0].data.slice() }];
    const full = await decomposeMatrices(same, opts({ energy: 1 }), engine);
    expect(norm2(full.unique[0]) / norm2(tasks[0].data)).toBeLessThan(tol * 10);
    const dflt = await decomposeMatrices(same, opts(), engine);
    expect(norm2(dflt.unique[0]) / norm2(tasks[0].data)).toBeLessThanOrEqual(0.1 + 1e-6); // only the energy tail stays unique

    const zero = { rows: tasks[0].rows, cols: tasks[0].cols, data: new Float32Array(tasks[0].data.length) };
    const z = await decomposeMatrices([tasks[0], zero], opts(), engine);
    expect(z.diagnostics.ranks[1]).toBe(0);
    expect(z.diagnostics.sharedDim).toBe(0);
    expect(z.diagnostics.sharedEnergy[1]).toBe(0);
  });

  it('agrees with a dense float64 implementation with explicit projectors', async () => {
    for (const [seed, k, energy] of [[11, 2, 0.9], [12, 3, 0.9], [13, 4, 0.9], [16, 3, 0.98], [17, 4, 0.98]]) {
      const { tasks } = path === 'randomized' ? planted(seed, { k, privateDim: 3, noise: 0.05 }) : planted(seed, { k, d: 40, n: 16, privateDim: 3, noise: 0.05 });
      const ours = await decomposeMatrices(tasks, opts({ energy }), engine);
      const ref = denseReferenceSplit(tasks, energy, defaults.eta);
      expect(ours.diagnostics.sharedDim).toBe(ref.Z.cols);
      tasks.forEach((_, i) => expect(relDiff(ours.shared[i], ref.shared[i])).toBeLessThan(Math.max(tol, 1e-6) * 10));
    }
  });

  it('works on the right side (input space) and keeps the exact sum', async () => {
    const { tasks } = planted(14);
    const transposed = tasks.map((W) => {
      const out = new Float32Array(W.data.length);
      for (let i = 0; i < W.rows; i++) for (let j = 0; j < W.cols; j++) out[j * W.rows + i] = W.data[i * W.cols + j];
      return { rows: W.cols, cols: W.rows, data: out };
    });
    const left = await decomposeMatrices(tasks, opts(), engine);
    const right = await decomposeMatrices(transposed, opts({ side: 'right' }), engine);
    expect(right.diagnostics.sharedDim).toBe(left.diagnostics.sharedDim);
    // shared of the transposed input, transposed back, equals the left-side shared part
    const back = new Float32Array(right.shared[0].length);
    const W = transposed[0];
    for (let i = 0; i < W.rows; i++) for (let j = 0; j < W.cols; j++) back[j * W.rows + i] = right.shared[0][i * W.cols + j];
    expect(relDiff(back, left.shared[0])).toBeLessThan(tol * 10);
  });

  it('is deterministic and offers same-size controls', async () => {
    const { tasks } = planted(15);
    const a = await decomposeMatrices(tasks, opts(), engine);
    const b = await decomposeMatrices(tasks, opts(), engine);
    expect(Array.from(a.shared[1])).toEqual(Array.from(b.shared[1]));
    for (const control of ['top-singular', 'random'] as const) {
      const c = await decomposeMatrices(tasks, opts({ control, seed: 3 }), engine);
      expect(c.diagnostics.sharedDim).toBe(a.diagnostics.sharedDim);
      expect(c.basis.cols).toBe(a.basis.cols);
    }
  });

  it('offers an energy-matched control: the fewest top directions of the sum holding the shared share of energy', async () => {
    const { tasks } = planted(16);
    const a = await decomposeMatrices(tasks, opts(), engine);
    const c = await decomposeMatrices(tasks, opts({ control: 'energy-matched' }), engine);
    const share = (x: typeof a) => x.diagnostics.sharedEnergy.reduce((s, e, i) => s + e * norm2(tasks[i].data), 0);
    expect(share(c)).toBeGreaterThanOrEqual(share(a) * (1 - 1e-4));
    expect(c.basis.cols).toBeGreaterThan(0);
    for (let i = 0; i < tasks.length; i++) expect(relDiff(c.shared[i].map((x, j) => x + c.unique[i][j]), tasks[i].data)).toBeLessThan(1e-5);
  });
});
