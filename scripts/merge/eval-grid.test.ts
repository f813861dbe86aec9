import { describe, expect, it } from 'vitest';
import { methodParamsSchema } from '../../lib/recipe/methods/registry';
import { BASELINES, CONTROLS, formTaShared, formUniqueShared, GRID_SIZE } from './eval-grid';

describe('merge evaluation grid', () => {
  const specs = [...BASELINES, formTaShared('method'), formUniqueShared('method'), ...CONTROLS.flatMap((c) => [formTaShared(c.subspace), formUniqueShared(c.subspace)])];

  it('has every literature baseline, each a registry method', () => {
    expect(BASELINES.map((b) => b.id).sort()).toEqual(['breadcrumbs', 'core_space', 'dare', 'della', 'iso_c', 'iso_cts', 'knots', 'model_stock', 'ram', 'task_arithmetic', 'ties', 'tsv_merge']);
    for (const b of BASELINES) expect(methodParamsSchema.parse(b.recipe(8, b.grid[0]).method).name).toBe(b.id);
  });

  it('gives every method and control the same number of tuning points, all distinct', () => {
    for (const s of specs) {
      expect(s.grid, s.id).toHaveLength(GRID_SIZE);
      expect(new Set(s.grid.map((p) => `${p.lambda}/${p.second}`)).size, s.id).toBe(GRID_SIZE);
    }
  });
});
