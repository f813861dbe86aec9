import { describe, expect, it } from 'vitest';
import { LabEngine } from '../../lib/engine/lab-engine';
import { tinyFamily } from '../../lib/test-support/fixtures';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { styleDemo } from '../../lib/demos/style/style-demo';
import { styleBaseId, styleTaskId } from '../../lib/demos/style/style-recipes';
import { defaultStyleState } from '../../lib/demos/style/style-state';
import { DECOMPOSITION, gammaGrid, panelRecipe, pickSetting } from './eval-family';

const maxDiff = (a: WeightSet, b: WeightSet) =>
  Math.max(...Object.keys(a.tensors).map((k) => a.tensors[k].data.reduce((m, v, i) => Math.max(m, Math.abs(v - b.tensors[k].data[i])), 0)));

describe('the evaluation builds the page’s models', () => {
  it('takes its recipes from the demo contract: the primary form is the page’s default unique-only panel', () => {
    const page = styleDemo.recipes({ ...defaultStyleState(), ...DECOMPOSITION }).find((p) => p.id === 'unique_mix')!.recipe;
    expect(panelRecipe(['red', 'badge'], 'unique_mix', {})).toEqual(page);
    const naive = panelRecipe(['red', 'badge', 'underline'], 'naive', { c: 0.7 });
    expect(naive.terms.map((t) => [t.part, t.coefficient])).toEqual([['full', 0.7], ['full', 0.7], ['full', 0.7]]);
    const random = panelRecipe(['red', 'badge'], 'unique_mix', { gamma: 1 }, 'random', 1003);
    expect([random.decomposition.control, random.decomposition.seed]).toEqual(['random', 1003]);
  });

  it('the last γ grid point is the naive sum, for two and for three styles', async () => {
    expect(gammaGrid(2)).toEqual([0, 0.4, 0.8, 1.2, 1.6, 2]);
    expect(gammaGrid(3).at(-1)).toBe(3);
    const engine = new LabEngine();
    await engine.init('cpu');
    const { base, tasks } = tinyFamily(3, 4);
    engine.addWeights(styleBaseId, base);
    (['red', 'badge', 'underline'] as const).forEach((s, i) => engine.addWeights(styleTaskId(s), tasks[i]));
    for (const styles of [['red', 'badge'], ['red', 'badge', 'underline']] as const) {
      const naive = await engine.apply(panelRecipe([...styles], 'naive', { c: 1 }));
      const last = await engine.apply(panelRecipe([...styles], 'unique_mix', { gamma: gammaGrid(styles.length).at(-1)! }));
      const once = await engine.apply(panelRecipe([...styles], 'unique_mix', { gamma: 1 }));
      expect(maxDiff(naive, last)).toBeLessThan(1e-4);
      expect(maxDiff(naive, once)).toBeGreaterThan(1e-3);
    }
  });

  it('picks the lowest validation error among settings that keep every style, else the best worst-style ratio', () => {
    expect(pickSetting([{ value: 1, deltaE: 5, ratios: [0.9, 0.9, 0.85] }, { value: 2, deltaE: 4, ratios: [0.9, 0.7, 0.9] }])).toBe(1);
    expect(pickSetting([{ value: 1, deltaE: 5, ratios: [0.5, 0.9] }, { value: 2, deltaE: 6, ratios: [0.7, 0.6] }])).toBe(2);
  });
});
