import { describe, expect, it } from 'vitest';
import { LabEngine } from '../../engine/lab-engine';
import { parseRecipe } from '../../recipe/schema';
import { tinyFamily } from '../../test-support/fixtures';
import type { WeightSet } from '../../tensors/weight-set';
import { styleBaseId, stylePanels, styleTaskId } from './style-recipes';
import { defaultStyleState, styleStateSchema } from './style-state';

const maxDiff = (a: WeightSet, b: WeightSet) =>
  Math.max(...Object.keys(a.tensors).map((k) => a.tensors[k].data.reduce((m, v, i) => Math.max(m, Math.abs(v - b.tensors[k].data[i])), 0)));

describe('style recipes', () => {
  it('every panel of the default state is a valid recipe over the chosen styles, and the state round-trips its schema', () => {
    const state = defaultStyleState();
    expect(styleStateSchema.parse(state)).toEqual(state);
    const panels = stylePanels(state);
    expect(panels.map((p) => p.id)).toEqual(['base', 'single_red', 'single_badge', 'naive', 'unique_mix']);
    for (const p of panels) if (p.recipe) expect(parseRecipe(p.recipe).models.tasks).toEqual(state.styles.map(styleTaskId));
  });

  it('unique-only mixing with the shared part counted k times equals the naive sum; counted once it differs', async () => {
    const engine = new LabEngine();
    await engine.init('cpu');
    const { base, tasks } = tinyFamily(2, 4);
    engine.addWeights(styleBaseId, base);
    engine.addWeights(styleTaskId('red'), tasks[0]);
    engine.addWeights(styleTaskId('badge'), tasks[1]);
    const state = { ...defaultStyleState(), vectors: 'unique' as const, eta: 0.5 };
    const naive = await engine.apply(stylePanels(state).find((p) => p.id === 'naive')!.recipe);
    const twice = await engine.apply(stylePanels({ ...state, gamma: 2 }).find((p) => p.id === 'unique_mix')!.recipe);
    const once = await engine.apply(stylePanels(state).find((p) => p.id === 'unique_mix')!.recipe);
    expect(maxDiff(naive, twice)).toBeLessThan(1e-4);
    expect(maxDiff(naive, once)).toBeGreaterThan(1e-3);
  });
});
