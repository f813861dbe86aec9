import { describe, expect, it } from 'vitest';
import { decomposeWeights } from '../../decompose/decompose-weights';
import { float64Engine } from '../../linalg/engine';
import { tinyFamily } from '../../test-support/fixtures';
import { energyMatched } from './energy-matched';

const energy = (v: Float32Array) => v.reduce((s, x) => s + x * x, 0);

describe('energy-matched control', () => {
  it('moves at least the shared energy with the fewest top directions of the sum, and splits exactly', async () => {
    const { base, tasks } = tinyFamily(3);
    const d = await decomposeWeights(base, tasks, { eta: 0.3 }, float64Engine);
    const m = energyMatched(d);
    let checked = 0;
    for (const diag of m.diagnostics.filter((x) => x.kind === 'matrix')) {
      const c = m.components[diag.name], o = d.components[diag.name];
      const target = o.shared.reduce((s, t) => s + energy(t), 0);
      const got = c.shared.reduce((s, t) => s + energy(t), 0);
      if (target > 0) {
        expect(got).toBeGreaterThanOrEqual(target * (1 - 1e-6));
        checked++;
      } else expect(got).toBe(0);
      c.full.forEach((t, i) => t.forEach((x, j) => expect(c.shared[i][j] + c.unique[i][j]).toBeCloseTo(x, 5)));
    }
    expect(checked).toBeGreaterThan(0);
    // The original decomposition is left alone.
    expect(d.components).not.toBe(m.components);
  });
});
