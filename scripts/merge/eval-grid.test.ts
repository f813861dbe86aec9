import { describe, expect, it } from 'vitest';
import { mergeStateSchema } from '../../lib/demos/merge/merge-state';
import { parseRecipe } from '../../lib/recipe/schema';
import { BASELINES, CONTROLS, evalState, formTaShared, formUniqueShared, GRID_SIZE, pageRecipe } from './eval-grid';

describe('merge evaluation grid', () => {
  const specs = [...BASELINES, formTaShared('method'), formUniqueShared('method'), ...CONTROLS.flatMap((c) => [formTaShared(c.subspace), formUniqueShared(c.subspace)])];

  const tasks = ['mnist', 'digits', 'latin'];

  it('has every literature baseline, each a valid recipe of its registry method', () => {
    expect(BASELINES.map((b) => b.id).sort()).toEqual(['breadcrumbs', 'core_space', 'dare', 'della', 'iso_c', 'iso_cts', 'knots', 'model_stock', 'ram', 'task_arithmetic', 'ties', 'tsv_merge']);
    for (const b of BASELINES) expect(parseRecipe(b.recipe(tasks, b.grid[0])).method.name).toBe(b.id);
  });

  it("scores the page's own recipes: each page method at a grid point is mergeMethods of a valid page state", () => {
    // unique + shared once gives the shared part dose 1 (gamma = 1 / lambda); TA + shared at (lambda, alpha).
    expect(formUniqueShared('method').recipe(tasks, { lambda: 0.25 })).toEqual(pageRecipe(mergeStateSchema.parse({ ...evalState(tasks), gamma: 4, lambda: { ...evalState(tasks).lambda, unique_shared: 0.25 } }), 'unique_shared'));
    const control = formTaShared('energy-matched').recipe(tasks, { lambda: 0.25, second: 3 }, 3);
    expect(control.decomposition.control).toBe('energy-matched');
    expect(control).toEqual(pageRecipe(mergeStateSchema.parse({ ...evalState(tasks), alpha: 3, control: 'energy-matched', controlForm: 'ta_shared', seed: 3, lambda: { ...evalState(tasks).lambda, ta_shared: 0.25 } }), 'control'));
  });

  it('gives every method and control the same number of tuning points, all distinct', () => {
    for (const s of specs) {
      expect(s.grid, s.id).toHaveLength(GRID_SIZE);
      expect(new Set(s.grid.map((p) => `${p.lambda}/${p.second}`)).size, s.id).toBe(GRID_SIZE);
    }
  });
});
