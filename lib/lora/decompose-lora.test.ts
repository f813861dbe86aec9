import { describe, expect, it } from 'vitest';
import { decomposeMatrices } from '../decompose/decompose-matrices';
import { decomposeOptionsSchema } from '../decompose/options';
import { float64Engine } from '../linalg/engine';
import type { Mat } from '../linalg/mat';
import { gaussian, mulberry32 } from '../util/random';
import { decomposeLora } from './decompose-lora';
import { concatFactors, type LoraFactors, materialize, transposeFactors } from './lora-factors';

const randn = (rows: number, cols: number, normal: () => number, scale = 1): Mat => ({
  rows,
  cols,
  data: Float64Array.from({ length: rows * cols }, () => scale * normal()),
});

/** k adapters of rank r on a d_out x d_in module whose B's share `s` columns (the planted overlap). */
function plantedAdapters(k: number, dOut: number, dIn: number, r: number, s: number, seed: number): LoraFactors[] {
  const rng = gaussian(mulberry32(seed));
  const common = randn(dOut, s, rng, 2);
  return Array.from({ length: k }, () => {
    const own = randn(dOut, r - s, rng);
    const B: Mat = { rows: dOut, cols: r, data: new Float64Array(dOut * r) };
    for (let i = 0; i < dOut; i++) for (let j = 0; j < r; j++) B.data[i * r + j] = j < s ? common.data[i * s + j] : own.data[i * (r - s) + j - s];
    return { B, A: randn(r, dIn, rng, 0.5) };
  });
}

const maxRelDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let num = 0, den = 0;
  for (let i = 0; i < a.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return num / (den || 1);
};

describe('LoRA decomposition in factor form', () => {
  for (const side of ['left', 'right'] as const) {
    it(`equals the dense decomposition of the materialised B A (${side} side)`, async () => {
      const options = decomposeOptionsSchema.parse({ side, energy: 0.95 });
      const adapters = plantedAdapters(3, 40, 24, 6, 2, side === 'left' ? 1 : 2);
      const dense = await decomposeMatrices(await Promise.all(adapters.map(materialize)), options, float64Engine);
      const factor = await decomposeLora(adapters, options);
      expect(factor.diagnostics.ranks).toEqual(dense.diagnostics.ranks);
      expect(factor.diagnostics.sharedDim).toBe(dense.diagnostics.sharedDim);
      if (side === 'left') expect(factor.diagnostics.sharedDim).toBe(2);
      for (let i = 0; i < adapters.length; i++) {
        expect(maxRelDiff((await materialize(factor.shared[i])).data, dense.shared[i])).toBeLessThan(1e-4);
        expect(maxRelDiff((await materialize(factor.unique[i])).data, dense.unique[i])).toBeLessThan(1e-4);
        expect(factor.diagnostics.sharedEnergy[i]).toBeCloseTo(dense.diagnostics.sharedEnergy[i], 5);
      }
    });
  }

  it("side 'auto' picks the side the adapters share and splits as that side does", async () => {
    const left = plantedAdapters(3, 40, 24, 6, 2, 1);
    const right = left.map(transposeFactors); // a common input direction, different outputs
    for (const [adapters, side] of [[left, 'left'], [right, 'right']] as const) {
      const auto = await decomposeLora(adapters, decomposeOptionsSchema.parse({ side: 'auto', energy: 0.95 }));
      const fixed = await decomposeLora(adapters, decomposeOptionsSchema.parse({ side, energy: 0.95 }));
      expect(auto.diagnostics.sideChoice).toMatchObject({ side, rule: 'margin' });
      expect(auto.diagnostics.sharedDim).toBe(2);
      expect(auto.shared).toEqual(fixed.shared);
    }
  });

  it('splits exactly: shared + unique is the adapter, and each part keeps its rank', async () => {
    const adapters = plantedAdapters(2, 30, 50, 4, 1, 3);
    const split = await decomposeLora(adapters, decomposeOptionsSchema.parse({}));
    for (let i = 0; i < 2; i++) {
      expect(split.shared[i].B.cols).toBe(4);
      const sum = concatFactors([{ coefficient: 1, factors: split.shared[i] }, { coefficient: 1, factors: split.unique[i] }]);
      expect(maxRelDiff((await materialize(sum)).data, (await materialize(adapters[i])).data)).toBeLessThan(1e-12);
    }
  });

  it('a recipe over LoRAs is one LoRA whose rank is the sum of the terms', async () => {
    const adapters = plantedAdapters(2, 20, 16, 3, 1, 4);
    const split = await decomposeLora(adapters, decomposeOptionsSchema.parse({}));
    const terms = [
      { coefficient: 0.7, factors: split.unique[0] },
      { coefficient: 1.2, factors: split.unique[1] },
      { coefficient: 0.5, factors: split.shared[0] },
    ];
    const mix = concatFactors(terms);
    expect(mix.B.cols).toBe(9);
    const dense = await Promise.all(terms.map(async (t) => ((await materialize(t.factors)).data as Float64Array).map((x) => t.coefficient * x)));
    const expected = dense[0].map((_, j) => dense.reduce((s, d) => s + d[j], 0));
    expect(maxRelDiff((await materialize(mix)).data, expected)).toBeLessThan(1e-12);
  });
});
