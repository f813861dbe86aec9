import { beforeAll, describe, expect, it } from 'vitest';
import type { Mat } from '../linalg/mat';
import { plantedTasks } from '../synthetic/planted';
import { engineCases } from '../test-support/engines';
import { gaussian, mulberry32 } from '../util/random';
import { decomposeMatrices as decompose } from './decompose-matrices';
import { defaultDecomposeOptions as defaults, type DecomposeOptions } from './options';
import { chooseSide, describeSideChoice } from './side-choice';

const opts = (o: Partial<DecomposeOptions> = {}): DecomposeOptions => ({ ...defaults, ...o });
const transposed = (W: Mat): Mat => {
  const out = new Float32Array(W.data.length);
  for (let i = 0; i < W.rows; i++) for (let j = 0; j < W.cols; j++) out[j * W.rows + i] = W.data[i * W.cols + j];
  return { rows: W.cols, cols: W.rows, data: out };
};
/** A common output direction per task set: S A_i with the same S (d_out = 48, d_in = 40). */
const leftPlanted = (seed: number, size: { d: number; n: number }) => plantedTasks({ ...size, k: 4, sharedDim: 2, privateDim: 4, noise: 0.01, seed }).tasks;
/** A common input direction, routed into different outputs by each task: the transposes. */
const rightPlanted = (seed: number, size: { d: number; n: number }) => leftPlanted(seed, size).map(transposed);
const noise = (seed: number, size: { d: number; n: number }): Mat[] => {
  const g = gaussian(mulberry32(seed));
  return Array.from({ length: 4 }, () => ({ rows: size.d, cols: size.n, data: new Float32Array(size.d * size.n).map(() => g()) }));
};

const cases = engineCases.flatMap((e) => (['auto', 'randomized'] as const).map((path) => ({ ...e, path, label: `${e.label}, ${path} path` })));

describe.each(cases)("side 'auto' on $label", ({ setup, engine, path }) => {
  beforeAll(setup);
  // The range finder needs room: its block is at most half the smaller side.
  const size = path === 'randomized' ? { d: 96, n: 80 } : { d: 48, n: 40 };
  const run = (Ws: Mat[], side: DecomposeOptions['side']) => decompose(Ws, opts({ side, energy: 0.95 }), engine, path);

  it('finds a common input direction on the right, which the left side misses', async () => {
    const tasks = rightPlanted(1, size);
    const [auto, left, right] = [await run(tasks, 'auto'), await run(tasks, 'left'), await run(tasks, 'right')];
    expect(left.diagnostics.sharedDim).toBe(0);
    expect(right.diagnostics.sharedDim).toBe(2);
    const c = auto.diagnostics.sideChoice!;
    expect(c).toMatchObject({ side: 'right', rule: 'margin' });
    expect(c.right.top).toBeGreaterThan(0.85);
    expect(c.right.top - c.right.chance!).toBeGreaterThan(0.5);
    expect(describeSideChoice(c)).toMatch(/^right: eig [01]\.\d\d vs null 0\.\d\d; left 0\.\d\d vs null 0\.\d\d$/);
    // The split on the chosen side is side 'right''s, number for number.
    expect(auto.diagnostics.sharedDim).toBe(2);
    auto.shared.forEach((s, i) => expect(Array.from(s)).toEqual(Array.from(right.shared[i])));
    // Exact: shared + unique == tau.
    tasks.forEach((W, i) => W.data.forEach((x, j) => expect(Math.abs(auto.shared[i][j] + auto.unique[i][j] - x)).toBeLessThanOrEqual(1e-6 * Math.abs(x) + 1e-7)));
  });

  it('keeps a common output direction on the left, as side left splits it', async () => {
    const tasks = leftPlanted(2, size);
    const [auto, left] = [await run(tasks, 'auto'), await run(tasks, 'left')];
    expect(auto.diagnostics.sideChoice).toMatchObject({ side: 'left', rule: 'margin' });
    expect(left.diagnostics.sharedDim).toBe(2);
    auto.shared.forEach((s, i) => expect(Array.from(s)).toEqual(Array.from(left.shared[i])));
  });

  it('leaves pure noise on the left, unchanged, and is deterministic', async () => {
    // Noise at rho = 0.95 fills most of both sides, so what overlaps is chance: left, as before.
    const tasks = noise(3, size);
    const [a, b, left] = [await run(tasks, 'auto'), await run(tasks, 'auto'), await run(tasks, 'left')];
    expect(a.diagnostics.sideChoice?.side).toBe('left');
    expect(['below-eta', 'chance']).toContain(a.diagnostics.sideChoice?.rule);
    a.unique.forEach((u, i) => expect(Array.from(u)).toEqual(Array.from(left.unique[i])));
    expect(b.diagnostics).toEqual(a.diagnostics);
    a.unique.forEach((u, i) => expect(Array.from(u)).toEqual(Array.from(b.unique[i])));
  });

  it('draws no null when neither side reaches eta (unrelated low-rank tasks)', async () => {
    const tasks = plantedTasks({ ...size, k: 4, sharedDim: 0, privateDim: 4, noise: 0.01, seed: 4 }).tasks;
    const auto = await run(tasks, 'auto');
    expect(auto.diagnostics.sideChoice).toMatchObject({ side: 'left', rule: 'below-eta', left: { chance: null }, right: { chance: null } });
    expect(describeSideChoice(auto.diagnostics.sideChoice!)).toMatch(/^left \(none reached η: default\): eig 0\.\d\d; right 0\.\d\d$/);
  });
});

describe('the auto rule', () => {
  it('goes left on a tie and when no side reaching eta stands above its null', async () => {
    const spectra = (dim: number, top: number) => ({ dim, eigenvalues: [top] });
    expect(await chooseSide(spectra(64, 0.9), spectra(64, 0.9), [4, 4, 4], 0.85)).toMatchObject({ side: 'left', rule: 'tie' });
    // Ranks near the dimension: random subspaces overlap almost fully, so 0.9 is chance there.
    const crowded = await chooseSide(spectra(8, 0.5), spectra(8, 0.9), [7, 7], 0.85);
    expect(crowded.right.chance!).toBeGreaterThan(0.9);
    expect(crowded).toMatchObject({ side: 'left', rule: 'chance' });
  });
});
