import { describe, expect, it } from 'vitest';
import { decomposeWeights } from '../decompose/decompose-weights';
import { float64Engine } from '../linalg/engine';
import { tinyFamily } from '../test-support/fixtures';
import { applyRecipe } from './apply';
import { recipeFromText, recipeToJson, recipeToYaml } from './export';
import { parseRecipe, type RecipeInput } from './schema';

const models = { base: 'base', tasks: ['a', 'b', 'c'] };

describe('recipes', () => {
  it('fills defaults and rejects bad input with readable messages', () => {
    const r = parseRecipe({ version: 1, models, terms: [{ task: 0, part: 'full', coefficient: 1 }] });
    expect(r.decomposition.eta).toBe(0.85);
    expect(r.method).toEqual({ name: 'task_arithmetic', lambda: 1 });
    expect(() => parseRecipe({ version: 2, models, terms: [] })).toThrow(/version/);
    expect(() => parseRecipe({ version: 1, models, terms: [{ task: 7, part: 'full', coefficient: 1 }] })).toThrow(/terms.0.task: task 7 does not exist/);
    expect(() => parseRecipe({ version: 1, models, terms: [], evil: '<script>' })).toThrow(/Unrecognized key/i);
    expect(() => parseRecipe({ version: 1, models, terms: [], method: { name: 'rm_rf' } })).toThrow(/method/);
    expect(() => parseRecipe({ version: 1, models: { ...models, base: '../../etc/passwd;' }, terms: [] })).toThrow(/models.base/);
  });

  it("carries side 'auto' through JSON and YAML, and reads recipes written before it unchanged", () => {
    const r = parseRecipe({ version: 1, models, decomposition: { side: 'auto' }, terms: [{ task: 0, part: 'shared', coefficient: 1 }] });
    expect(recipeFromText(recipeToJson(r), 'r.json')).toEqual(r);
    expect(recipeFromText(recipeToYaml(r), 'r.yaml')).toEqual(r);
    expect(parseRecipe({ version: 1, models, terms: [] }).decomposition.side).toBe('left');
    expect(parseRecipe({ version: 1, models, decomposition: { side: 'right' }, terms: [] }).decomposition.side).toBe('right');
    expect(() => parseRecipe({ version: 1, models, decomposition: { side: 'both' }, terms: [] })).toThrow(/side/);
  });

  it('task arithmetic + shared equals the formula, and is deterministic', async () => {
    const { base, tasks } = tinyFamily(3);
    const dec = await decomposeWeights(base, tasks, {}, float64Engine);
    const lambda = 0.7;
    const alpha = 0.5;
    const input: RecipeInput = {
      version: 1,
      models,
      terms: [
        ...[0, 1, 2].map((task) => ({ task, part: 'full' as const, coefficient: 1 })),
        ...[0, 1, 2].map((task) => ({ task, part: 'shared' as const, coefficient: alpha / 3 })),
      ],
      method: { name: 'task_arithmetic', lambda },
    };
    const out = applyRecipe(parseRecipe(input), base, dec);
    const name = 'layer.1.weight';
    const c = dec.components[name];
    out.tensors[name].data.forEach((x, j) => {
      const tauS = (c.shared[0][j] + c.shared[1][j] + c.shared[2][j]) / 3;
      const expected = base.tensors[name].data[j] + lambda * (c.full[0][j] + c.full[1][j] + c.full[2][j] + alpha * tauS);
      expect(x).toBeCloseTo(expected, 5);
    });
    const again = applyRecipe(parseRecipe(input), base, dec);
    expect(Array.from(again.tensors[name].data)).toEqual(Array.from(out.tensors[name].data));
  });

  it('negating the unique part leaves the shared part of the base untouched', async () => {
    const { base, tasks } = tinyFamily(2);
    const dec = await decomposeWeights(base, tasks, {}, float64Engine);
    const r = parseRecipe({ version: 1, models: { base: 'b', tasks: ['t', 'u'] }, terms: [{ task: 0, part: 'unique', coefficient: 1 }], method: { name: 'negation', lambda: 2 } });
    const out = applyRecipe(r, base, dec);
    const name = 'layer.0.weight';
    out.tensors[name].data.forEach((x, j) => expect(x).toBeCloseTo(base.tensors[name].data[j] - 2 * dec.components[name].unique[0][j], 5));
  });
});
