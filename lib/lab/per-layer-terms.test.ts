import { describe, expect, it } from 'vitest';
import { recipeFromText, recipeToYaml } from '../recipe/export';
import { layerStrip } from '../recipe/layer-strip';
import { fromMergekit } from '../recipe/mergekit/from-mergekit';
import { toMergekit } from '../recipe/mergekit/to-mergekit';
import type { Term } from '../recipe/schema';
import { withLink } from '../url-state/location';
import { recipeToLabLink } from './from-recipe';
import { LAB_LINK_VERSION, labLinkSchema, labRecipe, readLabLink, termsOfTask, withTaskTerm } from './lab-link';

const names = [0, 1, 2, 3].flatMap((i) => [`transformer.h.${i}.attn.c_attn.weight`, `transformer.h.${i}.mlp.c_fc.weight`]).concat(['transformer.wte.weight']);
const cells = (t: Term) => layerStrip(t, names).map((c) => (c.touched ? c.max : null));
const tasks = ['a', 'b', 'c'].map((n) => ({ kind: 'remote' as const, ref: `https://host.test/${n}.safetensors` }));

describe('per-layer terms on /lab', () => {
  // Every per-layer form a term can take: a gradient, one value per block, a layer filter, name filters, a density.
  const link = labLinkSchema.parse({
    tasks,
    terms: [
      { task: 0, part: 'shared', coefficient: 1, schedule: [0, 1] },
      { task: 0, part: 'unique', coefficient: -0.5, layers: [1, 3] },
      { task: 1, part: 'full', coefficient: 2, schedule: [0.1, 0.2, 0.3, 0.4], density: [0.2, 0.8] },
      { task: 2, part: 'unique', coefficient: 1, schedule: [{ filter: 'mlp', value: [1, 0] }, { value: 0.5 }] },
    ],
    method: { name: 'ties', lambda: 0.7, density: 0.3, election: 'mass' },
  });

  it('survive the link round trip whole', () => {
    const url = withLink(new URL('http://localhost/lab'), labLinkSchema, LAB_LINK_VERSION, link);
    expect(readLabLink(new URL(url.href))).toEqual({ kind: 'ok', value: link, legacy: false });
  });

  it('reach the recipe whole, renumbered over the loaded tasks, and survive its YAML', () => {
    const recipe = labRecipe(link, 'base', [null, 'b', 'c'])!;
    expect(recipe.terms).toEqual([
      { task: 0, part: 'full', coefficient: 2, schedule: [0.1, 0.2, 0.3, 0.4], density: [0.2, 0.8] },
      { task: 1, part: 'unique', coefficient: 1, schedule: [{ filter: 'mlp', value: [1, 0] }, { value: 0.5 }] },
    ]);
    expect(recipeFromText(recipeToYaml(recipe), 'r.yaml')).toEqual(recipe);
    // What the strip shows for them: one value per block; name filters give a range within a block.
    expect(cells(recipe.terms[0])).toEqual([0.2, 0.4, 0.6, 0.8].map((x) => expect.closeTo(x, 10)));
    expect(layerStrip(recipe.terms[1], names)[3]).toEqual({ index: 3, min: 0, max: 0.5, touched: true });
    expect(cells(link.terms[1])).toEqual([null, -0.5, null, -0.5]);
  });

  it('a pasted mergekit gradient reaches the page, its recipe and the mergekit YAML written back', () => {
    const yaml = 'merge_method: task_arithmetic\nbase_model: org/base\nmodels:\n  - model: org/a\n    parameters: {weight: [0, 0.5, 1]}\n  - model: org/b\n    parameters: {weight: 0.3}\n';
    const { link: pasted } = recipeToLabLink(fromMergekit(yaml).recipe);
    const recipe = labRecipe(pasted, 'org/base', ['org/a', 'org/b'])!;
    expect(cells(recipe.terms[0])).toEqual([0, 1 / 3, 2 / 3, 1].map((x) => expect.closeTo(x, 10)));
    const back = toMergekit(recipe).config as { base_model: string; models: { model: string; parameters: { weight: unknown } }[] };
    expect(back.models.map((m) => m.parameters.weight)).toEqual([[0, 0.5, 1], 0.3]);
    // The page names hub models hf:owner/name; mergekit names them bare.
    const hub = toMergekit({ ...recipe, models: { base: 'hf:org/base', tasks: ['hf:org/a@v2', 'org/b'] } }).config as typeof back;
    expect([hub.base_model, ...hub.models.map((m) => m.model)]).toEqual(['org/base', 'org/a@v2', 'org/b']);
  });

  it('an edit of one term keeps the per-layer settings of the task\'s others', () => {
    const next = withTaskTerm(link, 0, 1, { ...termsOfTask(link, 0)[1], coefficient: 0.25 });
    expect(termsOfTask(next, 0)).toEqual([link.terms[0], { ...link.terms[1], coefficient: 0.25 }]);
    expect(next.terms.filter((t) => t.task !== 0)).toEqual(link.terms.filter((t) => t.task !== 0));
  });
});
