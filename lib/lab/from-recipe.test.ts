import { describe, expect, it } from 'vitest';
import { readPastedMergekit } from '../recipe/mergekit/paste-mergekit';
import { parseRecipe } from '../recipe/schema';
import { recipeToLabLink } from './from-recipe';

describe('a pasted config on /lab', () => {
  it('becomes link state: the recipe\'s own terms and method, hub ids as remote sources, nothing approximated', () => {
    const read = readPastedMergekit('merge_method: task_arithmetic\nbase_model: org/base\nmodels:\n  - model: org/a\n    parameters: {weight: 0.5}\n  - model: org/b\n    parameters: {weight: [0, 1]}\nparameters: {lambda: 0.8}\n');
    if (!read.ok) throw new Error(read.problems.join('; '));
    const { link, approximations } = recipeToLabLink(read.recipe);
    expect(link.base).toEqual({ kind: 'remote', ref: 'hf:org/base' });
    expect(link.tasks.map((t) => t.kind === 'remote' && t.ref)).toEqual(['hf:org/a', 'hf:org/b']);
    // The link holds the recipe's own terms and method: the per-layer weights carry over whole.
    expect(link.terms).toEqual(read.recipe.terms);
    expect(link.method).toEqual(read.recipe.method);
    expect(approximations).toEqual([]);
  });

  it("keeps a recipe's side, 'auto' included", () => {
    const recipe = parseRecipe({ version: 1, models: { base: 'org/base', tasks: ['org/a', 'org/b'] }, decomposition: { side: 'auto' }, terms: [] });
    expect(recipeToLabLink(recipe).link.decomposition.side).toBe('auto');
  });
});
