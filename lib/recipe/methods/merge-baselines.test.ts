import { describe, expect, it } from 'vitest';
import { dare } from './dare';
import { isoC } from './iso-c';
import { isoCts } from './iso-cts';
import { methodParamsSchema } from './registry';
import { tsvMerge } from './tsv-merge';

const flat = (m: number[][]) => Float32Array.from(m.flat());
const run = (fn: (out: Float32Array) => void, n: number) => {
  const out = new Float32Array(n);
  fn(out);
  return Array.from(out);
};
const close = (a: number[], b: number[], digits = 5) => a.forEach((x, i) => expect(x).toBeCloseTo(b[i], digits));

// Two tasks on orthogonal rank-1 directions of a 4x3 matrix: tau_1 = 3 e1 f1^T, tau_2 = 1 e2 f2^T.
const shape = [4, 3];
const e = (i: number, n: number) => Array.from({ length: n }, (_, j) => (j === i ? 1 : 0));
const outer = (a: number[], b: number[], s: number) => a.map((x) => b.map((y) => s * x * y));
const t1 = flat(outer(e(0, 4), e(0, 3), 3));
const t2 = flat(outer(e(1, 4), e(1, 3), 1));

describe('literature merging baselines', () => {
  it('Iso-C flattens the spectrum of the sum: singular values 3 and 1 become 4/3 each over a rank-3 SVD', () => {
    // sum = diag(3, 1, 0) padded; its thin SVD has singular values (3, 1, 0): mean 4/3 on all three directions.
    // The third direction (zero singular value) is any unit pair; check the two known ones and the Frobenius norm.
    const out = run((o) => isoC.apply([t1, t2], { name: 'iso_c', lambda: 1 }, o, { shape, name: 'w' }), 12);
    expect(out[0]).toBeCloseTo(4 / 3, 5);
    expect(out[4]).toBeCloseTo(4 / 3, 5);
    expect(Math.hypot(...out)).toBeCloseTo(Math.sqrt(3) * (4 / 3), 5);
    // 1-D tensors: mean of the task vectors, scaled.
    expect(run((o) => isoC.apply([Float32Array.from([2, 4]), Float32Array.from([0, 2])], { name: 'iso_c', lambda: 2 }, o, { shape: [2], name: 'b' }), 2)).toEqual([2, 6]);
  });

  it('TSV-M with orthogonal rank-1 tasks is task arithmetic (polar factor of orthonormal columns is itself)', () => {
    const ta = Array.from(t1, (x, i) => 0.5 * (x + t2[i]));
    close(run((o) => tsvMerge.apply([t1, t2], { name: 'tsv_merge', lambda: 0.5, rankShare: 1 }, o, { shape, name: 'w' }), 12), ta);
  });

  it('TSV-M decorrelates: two unit directions 60 degrees apart are rotated 15 degrees each to become orthogonal', () => {
    // tau_1 = 2 u1 f1^T, tau_2 = 1 u2 f2^T with u1 = e1, u2 = cos60 e1 + sin60 e2 and f1 perp f2.
    // polar([u1, u2]) rotates each column (90 - 60) / 2 = 15 degrees away from the other; V = [f1, f2] is kept.
    const c = Math.cos(Math.PI / 3), s = Math.sin(Math.PI / 3);
    const a = flat(outer(e(0, 4), e(0, 3), 2)), b = flat(outer([c, s, 0, 0], e(1, 3), 1));
    const out = run((o) => tsvMerge.apply([a, b], { name: 'tsv_merge', lambda: 1, rankShare: 1 }, o, { shape, name: 'w' }), 12);
    const col = (j: number) => [0, 1, 2, 3].map((i) => out[i * 3 + j]);
    const r = Math.PI / 12;
    close(col(0), [2 * Math.cos(r), -2 * Math.sin(r), 0, 0]);
    close(col(1), [Math.cos(Math.PI / 3 + r), Math.sin(Math.PI / 3 + r), 0, 0]);
    close(col(2), [0, 0, 0, 0]);
  });

  it('Iso-CTS with common share 1 is Iso-C; at 0.5 each task adds its own top residual direction', () => {
    const c1 = run((o) => isoCts.apply([t1, t2], { name: 'iso_cts', lambda: 1, commonShare: 1 }, o, { shape, name: 'w' }), 12);
    close(c1, run((o) => isoC.apply([t1, t2], { name: 'iso_c', lambda: 1 }, o, { shape, name: 'w' }), 12));
    // 4x4: tau_1 = 4 E00 + 2 E22 + 1.5 E33, tau_2 = 3 E11 + 1 E33. Sum spectrum: 4, 3, 2.5 (E33), 2 (E22).
    // Common (top 2): E00, E11. Residuals: task 1 -> top 2 E22, task 2 -> 1 E33. Sigma = mean(4, 3, 2, 1) = 2.5,
    // so Iso-CTS = 2.5 I, while Iso-C = mean(4, 3, 2.5, 2) I = 2.875 I.
    const diag = (d: number[]) => Float32Array.from(d.flatMap((x, i) => d.map((_, j) => (i === j ? x : 0))));
    const u = diag([4, 0, 2, 1.5]), v = diag([0, 3, 0, 1]);
    const eye = (x: number) => Array.from(diag([x, x, x, x]));
    close(run((o) => isoCts.apply([u, v], { name: 'iso_cts', lambda: 1, commonShare: 0.5 }, o, { shape: [4, 4], name: 'w' }), 16), eye(2.5));
    close(run((o) => isoC.apply([u, v], { name: 'iso_c', lambda: 1 }, o, { shape: [4, 4], name: 'w' }), 16), eye(2.875));
  });

  it('DARE: p = 0 is task arithmetic; otherwise each entry is 0 or the rescaled sum, unbiased, and seeded', () => {
    close(run((o) => dare.apply([t1, t2], { name: 'dare', lambda: 1, drop: 0, seed: 3 }, o, { shape, name: 'w' }), 12), Array.from(t1, (x, i) => x + t2[i]));
    const v = new Float32Array(20000).fill(1);
    const a = run((o) => dare.apply([v], { name: 'dare', lambda: 1, drop: 0.75, seed: 3 }, o, { shape: [20000], name: 'w' }), 20000);
    expect(new Set(a)).toEqual(new Set([0, 4]));
    expect(a.reduce((s, x) => s + x, 0) / a.length).toBeCloseTo(1, 1);
    expect(run((o) => dare.apply([v], { name: 'dare', lambda: 1, drop: 0.75, seed: 3 }, o, { shape: [20000], name: 'w' }), 20000)).toEqual(a);
    expect(run((o) => dare.apply([v], { name: 'dare', lambda: 1, drop: 0.75, seed: 4 }, o, { shape: [20000], name: 'w' }), 20000)).not.toEqual(a);
    expect(run((o) => dare.apply([v], { name: 'dare', lambda: 1, drop: 0.75, seed: 3 }, o, { shape: [20000], name: 'other' }), 20000)).not.toEqual(a);
  });

  it('every baseline is in the registry with stable snake_case names and defaults', () => {
    for (const name of ['tsv_merge', 'iso_c', 'iso_cts', 'dare']) expect(methodParamsSchema.parse({ name }).name).toBe(name);
    expect(methodParamsSchema.parse({ name: 'iso_cts' })).toEqual({ name: 'iso_cts', lambda: 1, commonShare: 0.8 });
    expect(() => methodParamsSchema.parse({ name: 'dare', drop: 1 })).toThrow();
  });
});
