import { describe, expect, it } from 'vitest';
import { decomposeMatrices } from '../decompose/decompose-matrices';
import { decomposeOptionsSchema } from '../decompose/options';
import { float64Engine } from '../linalg/engine';
import { type Mat, transpose } from '../linalg/mat';
import { materialize } from '../lora/lora-factors';
import { plantedTasks } from '../synthetic/planted';
import { gaussian, mulberry32 } from '../util/random';
import { chanceMeanCos2, chanceSharedDim } from './chance-level';
import { layerInsight, loraLayerInsight } from './layer-insight';

const options = decomposeOptionsSchema.parse({ energy: 0.95 });

describe('shared dimension against chance', () => {
  it('random subspaces of small rank in a large space share nothing; ranks that overfill the space must share', async () => {
    expect((await chanceSharedDim(256, [8, 8, 8], 0.85, 10)).p95).toBe(0);
    // Two 7-dimensional subspaces of R^10 always meet in at least 4 dimensions.
    const forced = await chanceSharedDim(10, [7, 7], 0.85, 10);
    expect(forced.mean).toBeGreaterThanOrEqual(4);
    expect(forced.p95).toBeGreaterThanOrEqual(4);
  });

  it('a planted shared subspace stands above the chance level, with ranks, spectrum and similarity', async () => {
    const { tasks } = plantedTasks({ d: 64, n: 48, k: 3, sharedDim: 3, privateDim: 4, noise: 0.01, seed: 7 });
    const ins = await layerInsight('h.0.mlp.c_fc.weight', tasks, options, float64Engine, 10);
    expect(ins.dim).toBe(64);
    expect(ins.sharedDim).toBe(3);
    expect(ins.chance.p95).toBeLessThan(ins.sharedDim);
    expect(ins.eigenvalues.slice(0, 3).every((v) => v > 0.85)).toBe(true);
    expect(ins.singularValues).toHaveLength(3);
    expect(ins.singularValues[0][0]).toBeGreaterThan(ins.singularValues[0].at(-1)!);
    const s = ins.similarity;
    for (let i = 0; i < 3; i++) {
      expect(s.cosine[i][i]).toBeCloseTo(1, 10);
      expect(s.meanCos2[i][i]).toBeCloseTo(1, 10);
    }
    // Tasks that share 3 of ~7 directions: clearly above the chance level max(r_i, r_j) / d.
    expect(s.meanCos2[0][1]).toBeGreaterThan(0.3);
    expect(s.meanCos2[0][1]).toBeGreaterThan(4 * s.chanceMeanCos2[0][1]);
    expect(s.chanceMeanCos2[0][1]).toBeCloseTo(chanceMeanCos2(64, ins.ranks[0], ins.ranks[1]), 12);
  });

  it('tasks on disjoint coordinates have zero cosine and zero overlap', async () => {
    const W = (offset: number): Mat => {
      const data = new Float64Array(20 * 6);
      for (let i = 0; i < 4; i++) data[(offset + i) * 6 + i] = 1 + i;
      return { rows: 20, cols: 6, data };
    };
    const ins = await layerInsight('x', [W(0), W(10)], options, float64Engine, 5);
    expect(ins.similarity.cosine[0][1]).toBe(0);
    expect(ins.similarity.meanCos2[0][1]).toBeCloseTo(0, 12);
    expect(ins.sharedDim).toBe(0);
  });
});

describe('per-layer insight on LoRA tasks', () => {
  it('equals the dense insight on the materialised B A, in factor form', async () => {
    const g = gaussian(mulberry32(9));
    const common = Array.from({ length: 30 * 2 }, g);
    const loras = [0, 1, 2].map(() => {
      const B: Mat = { rows: 30, cols: 5, data: Float64Array.from({ length: 150 }, (_, x) => (x % 5 < 2 ? 3 * common[Math.floor(x / 5) * 2 + (x % 5)] : g())) };
      return { B, A: { rows: 5, cols: 18, data: Float64Array.from({ length: 90 }, g) } };
    });
    for (const side of ['left', 'right'] as const) {
      const o = decomposeOptionsSchema.parse({ energy: 0.95, side });
      const factor = await loraLayerInsight('m', loras, o, 5);
      const dense = await layerInsight('m', await Promise.all(loras.map(materialize)), o, float64Engine, 5);
      expect(factor.ranks).toEqual(dense.ranks);
      expect(factor.sharedDim).toBe(dense.sharedDim);
      expect(factor.dim).toBe(side === 'left' ? 30 : 18);
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 3; j++) {
          expect(factor.similarity.cosine[i][j]).toBeCloseTo(dense.similarity.cosine[i][j], 8);
          expect(factor.similarity.meanCos2[i][j]).toBeCloseTo(dense.similarity.meanCos2[i][j], 6);
        }
    }
  });

  it("with side 'auto', shows the side the decomposition picks and why, dense and in factor form", async () => {
    const { tasks } = plantedTasks({ d: 48, n: 40, k: 3, sharedDim: 2, privateDim: 4, noise: 0.01, seed: 21 });
    const rightPlanted = tasks.map((W) => transpose(W)); // a common input direction, different outputs
    const o = decomposeOptionsSchema.parse({ energy: 0.95, side: 'auto' });
    const insight = await layerInsight('m', rightPlanted, o, float64Engine, 5);
    const split = await decomposeMatrices(rightPlanted, o, float64Engine);
    expect(insight.sideChoice).toEqual(split.diagnostics.sideChoice);
    expect(insight.sideChoice?.side).toBe('right');
    expect(insight.dim).toBe(48);
    expect(insight.sharedDim).toBe(2);
    // In factor form (rank-5 adapters with a common A row space), the same rule picks right.
    const g = gaussian(mulberry32(4));
    const commonA = Array.from({ length: 2 * 18 }, g);
    const loras = [0, 1, 2].map(() => ({
      B: { rows: 30, cols: 5, data: Float64Array.from({ length: 150 }, g) },
      A: { rows: 5, cols: 18, data: Float64Array.from({ length: 90 }, (_, x) => (x < 36 ? 3 * commonA[x] : g())) },
    }));
    const factor = await loraLayerInsight('m', loras, o, 5);
    expect(factor.sideChoice).toMatchObject({ side: 'right', rule: 'margin' });
    expect(factor.dim).toBe(18);
    expect(factor.sharedDim).toBe(2);
  });
});
