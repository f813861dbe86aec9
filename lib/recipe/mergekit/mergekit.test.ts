import { describe, expect, it } from 'vitest';
import { decomposeWeights } from '../../decompose/decompose-weights';
import { float64Engine } from '../../linalg/engine';
import { tinyFamily } from '../../test-support/fixtures';
import type { WeightSet } from '../../tensors/weight-set';
import { applyRecipe } from '../apply';
import { evaluateSetting, layerPositions, type LayerSetting } from '../layer-schedule';
import { parseRecipe } from '../schema';
import { fromMergekit, MergekitError } from './from-mergekit';
import { MergekitExportError, toMergekit } from './to-mergekit';

// Configs below follow the shapes of mergekit's docs/merge_methods.md and examples/*.yml
// (models[].parameters weight/density, gradients, [{filter, value}], global normalize / int8_mask).

/** mergekit's generalized task arithmetic, written from its description, for one tensor. */
function referenceGta(
  base: Float32Array,
  models: { delta: Float32Array; weight: number; density: number }[],
  opts: { consensus: boolean; normalize: boolean; lambda?: number },
): Float32Array {
  const n = base.length;
  const weighted = models.map(({ delta, weight, density }) => {
    const k = Math.floor(density * n);
    const order = Array.from(delta.keys()).sort((a, b) => Math.abs(delta[b]) - Math.abs(delta[a]));
    const keep = new Set(density >= 1 ? order : order.slice(0, k));
    return Array.from(delta, (x, i) => (keep.has(i) ? x * weight : 0));
  });
  return Float32Array.from(base, (b, i) => {
    const majority = weighted.reduce((s, w) => s + w[i], 0) >= 0 ? 1 : -1;
    let sum = 0, div = 0;
    weighted.forEach((w, t) => {
      if (opts.consensus && Math.sign(w[i]) !== majority) return;
      sum += w[i];
      div += models[t].weight;
    });
    if (opts.consensus ? div === 0 : Math.abs(div) < 1e-8) div = 1;
    return b + (opts.lambda ?? 1) * (opts.normalize ? sum / div : sum);
  });
}

async function applyImported(yaml: string, base: WeightSet, tasks: WeightSet[]) {
  const { recipe, notes } = fromMergekit(yaml);
  const dec = await decomposeWeights(base, tasks, recipe.decomposition, float64Engine);
  return { recipe, notes, out: applyRecipe(recipe, base, dec) };
}

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 2e-6) => {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  expect(worst).toBeLessThan(tol);
};
const delta = (t: WeightSet, b: WeightSet, name: string) => Float32Array.from(t.tensors[name].data, (x, i) => x - b.tensors[name].data[i]);

describe('mergekit configs in', () => {
  it('linear without base_model is the weighted average of the models (first model as the base)', async () => {
    const { base, tasks } = tinyFamily(3);
    const [a, b, c] = [base, tasks[0], tasks[1]];
    const { recipe, out, notes } = await applyImported(
      `models:
  - model: org/model-a
    parameters:
      weight: 1.0
  - model: org/model-b
    parameters:
      weight: 0.3
  - model: org/model-c
    parameters:
      weight: 0.5
merge_method: linear
dtype: float16
`,
      a,
      [b, c],
    );
    expect(recipe.models).toEqual({ base: 'org/model-a', tasks: ['org/model-b', 'org/model-c'] });
    expect(notes.join('\n')).toMatch(/dtype: float16 ignored/);
    for (const name of Object.keys(a.tensors)) {
      const avg = a.tensors[name].data.map((x, i) => (1 * x + 0.3 * b.tensors[name].data[i] + 0.5 * c.tensors[name].data[i]) / 1.8);
      close(out.tensors[name].data, avg);
    }
  });

  it('ties with gradient densities, a weight gradient and a filtered weight matches mergekit\'s arithmetic', async () => {
    const { base, tasks } = tinyFamily(3, 4);
    const yaml = `models:
  - model: a
    parameters:
      density: [1, 0.75, 0.5] # density gradient
      weight: 1.0
  - model: b
    parameters:
      density: 0.5
      weight: [0, 0.3, 0.7, 1] # weight gradient
  - model: c
    parameters:
      density: 0.25
      weight:
        - filter: layer.1
          value: 0.5
        - value: 0.2
merge_method: ties
base_model: base
parameters:
  normalize: true
  int8_mask: true
  lambda: 0.9
dtype: float16
`;
    const { recipe, out, notes } = await applyImported(yaml, base, tasks);
    expect(recipe.method).toEqual({ name: 'ties', lambda: 0.9, density: 1, election: 'mass', normalize: 'weights' });
    expect(recipe.terms[1].schedule).toEqual([0, 0.3, 0.7, 1]);
    expect(notes.join('\n')).toMatch(/int8_mask: no effect/);
    const positions = layerPositions(Object.keys(base.tensors));
    const settings: { weight: LayerSetting; density: LayerSetting }[] = [
      { weight: 1, density: [1, 0.75, 0.5] },
      { weight: [0, 0.3, 0.7, 1], density: 0.5 },
      { weight: [{ filter: 'layer.1', value: 0.5 }, { value: 0.2 }], density: 0.25 },
    ];
    for (const name of Object.keys(base.tensors)) {
      const t = positions.get(name)!.t;
      const ref = referenceGta(
        base.tensors[name].data,
        settings.map((s, i) => ({ delta: delta(tasks[i], base, name), weight: evaluateSetting(s.weight, name, t)!, density: evaluateSetting(s.density, name, t)! })),
        { consensus: true, normalize: true, lambda: 0.9 },
      );
      close(out.tensors[name].data, ref);
    }
  });

  it('task_arithmetic with normalize and lambda, base model listed among the models', async () => {
    const { base, tasks } = tinyFamily(2, 9);
    const { recipe, out, notes } = await applyImported(
      `merge_method: task_arithmetic
base_model: base
models:
  - model: base
  - model: t1
    parameters: {weight: 0.7}
  - model: t2
    parameters: {weight: -0.4}
parameters:
  normalize: true
  lambda: 1.5
`,
      base,
      tasks,
    );
    expect(recipe.models.tasks).toEqual(['t1', 't2']);
    expect(notes.join('\n')).toMatch(/base is the base model/);
    for (const name of Object.keys(base.tensors)) {
      const ref = referenceGta(base.tensors[name].data, [0.7, -0.4].map((weight, i) => ({ delta: delta(tasks[i], base, name), weight, density: 1 })), { consensus: false, normalize: true, lambda: 1.5 });
      close(out.tensors[name].data, ref);
    }
  });

  it('maps dare_ties, dare_linear, breadcrumbs_ties and della onto the methods with mergekit\'s defaults', () => {
    const cfg = (method: string, extra = '') => `merge_method: ${method}
base_model: mistralai/Mistral-7B-v0.1
models:
  - model: mistralai/Mistral-7B-Instruct-v0.2
    parameters: {density: 0.5, weight: 0.5${extra}}
  - model: BioMistral/BioMistral-7B
    parameters: {density: 0.5, weight: 0.5${extra}}
parameters:
  int8_mask: true
`;
    expect(fromMergekit(cfg('dare_ties')).recipe.method).toEqual({ name: 'dare', lambda: 1, drop: 0.5, seed: 0, consensus: 'mass', rescale: 'l1' });
    expect(fromMergekit(cfg('dare_linear')).recipe.method).toEqual({ name: 'dare', lambda: 1, drop: 0.5, seed: 0, rescale: 'l1' });
    expect(fromMergekit(cfg('breadcrumbs_ties', ', gamma: 0.02')).recipe.method).toEqual({ name: 'breadcrumbs', lambda: 1, density: 0.5, gamma: 0.02, consensus: 'mass', normalize: false });
    expect(fromMergekit(cfg('della', ', epsilon: 0.1')).recipe.method).toEqual({ name: 'della', lambda: 1, density: 0.5, epsilon: 0.1, consensus: 'mass', rescale: 'l1', normalize: true, seed: 0 });
    expect(fromMergekit(cfg('della_linear')).recipe.method).toMatchObject({ consensus: 'none', normalize: false, epsilon: 0.15 });
    expect(fromMergekit(cfg('ties')).recipe.terms).toEqual([0, 1].map((task) => ({ task, part: 'full', coefficient: 0.5 })));
  });

  it('model_stock: base + t (mean of the models - base), t from the mean pairwise cosine per tensor', async () => {
    const { base, tasks } = tinyFamily(3, 12);
    const { recipe, out } = await applyImported('merge_method: model_stock\nbase_model: base\nmodels:\n  - model: a\n  - model: b\n  - model: c\n', base, tasks);
    expect(recipe.method).toEqual({ name: 'model_stock', lambda: 1, filterWise: false });
    for (const name of Object.keys(base.tensors)) {
      const d = tasks.map((t) => delta(t, base, name));
      const dot = (x: Float32Array, y: Float32Array) => x.reduce((s, v, i) => s + v * y[i], 0);
      const cos = [[0, 1], [0, 2], [1, 2]].reduce((s, [i, j]) => s + dot(d[i], d[j]) / Math.sqrt(dot(d[i], d[i]) * dot(d[j], d[j])), 0) / 3;
      expect(cos).toBeGreaterThan(0); // the fixture's tasks share a direction, so no clamping is involved
      const t = (3 * cos) / (1 + 2 * cos);
      close(out.tensors[name].data, base.tensors[name].data.map((b, i) => b + t * ((d[0][i] + d[1][i] + d[2][i]) / 3)));
    }
    expect(fromMergekit('merge_method: ramplus_tl\nbase_model: b\nmodels: [{model: x}, {model: y}]\nparameters: {r: 0.2}\n').recipe.method).toEqual({ name: 'ram', lambda: 1, epsilon: 1e-5, r: 0.2, alpha: 0.2 });
  });

  it('refuses what it cannot express in one message with a line per key', () => {
    const yaml = `slices:
  - sources:
      - model: a
        layer_range: [0, 40]
      - model: b
        layer_range: [0, 40]
merge_method: slerp
base_model: a
parameters:
  t: 0.5
tokenizer_source: union
chat_template: chatml
`;
    let err: MergekitError | undefined;
    try {
      fromMergekit(yaml);
    } catch (e) {
      err = e as MergekitError;
    }
    expect(err).toBeInstanceOf(MergekitError);
    expect(err!.problems).toEqual([
      expect.stringMatching(/^slices: layer slices/),
      expect.stringMatching(/^chat_template: /),
      'tokenizer_source: "union" is not supported (only the base model\'s tokenizer, "base")',
      expect.stringMatching(/^merge_method: slerp has no counterpart here/),
      'parameters.t: not supported',
      'models: no model besides the base model',
    ]);
    expect(err!.message.split('\n')).toHaveLength(err!.problems.length + 1);
    expect(() => fromMergekit('merge_method: ties\nbase_model: b\nmodels:\n  - model: x\n    parameters: {density: 0.5}\n')).toThrow(/models\[0\]\.parameters\.weight: required/);
    expect(() => fromMergekit('merge_method: linear\nmodels:\n  - model: x\n    parameters: {weight: 2}\n  - model: y\n    parameters: {weight: 1}\nparameters: {normalize: false}\n')).toThrow(/do not sum to 1 \(3\)/);
  });
});

describe('recipes out as mergekit configs', () => {
  const models = { base: 'base', tasks: ['org/a', 'org/b'] };

  it('round-trips whole-task-vector recipes', () => {
    for (const method of [
      { name: 'task_arithmetic', lambda: 0.8 },
      { name: 'ties', lambda: 1, density: 0.3, election: 'mass', normalize: 'weights' },
      { name: 'dare', lambda: 1, drop: 0.7, seed: 0, consensus: 'mass', rescale: 'l1' },
      { name: 'breadcrumbs', lambda: 1, density: 0.4, gamma: 0.02, consensus: 'none', normalize: false },
      { name: 'della', lambda: 1.2, density: 0.4, epsilon: 0.1, consensus: 'mass', rescale: 'l1', normalize: true, seed: 0 },
      { name: 'model_stock', lambda: 1, filterWise: true },
      { name: 'ram', lambda: 1, epsilon: 1e-4, r: 0.1, alpha: 0.3 },
    ]) {
      const unweighted = method.name === 'model_stock' || method.name === 'ram';
      const terms = unweighted ? [0, 1].map((task) => ({ task, part: 'full', coefficient: 1 })) : [{ task: 0, part: 'full', coefficient: 0.6 }, { task: 1, part: 'full', coefficient: 1, schedule: [0.2, 1] }];
      const recipe = parseRecipe({ version: 1, models, terms, method });
      const { yaml } = toMergekit(recipe);
      const back = fromMergekit(yaml).recipe;
      expect(back.method).toEqual(recipe.method);
      expect(back.terms).toEqual(recipe.terms);
    }
  });

  it('negation becomes task arithmetic with negative weights', () => {
    const recipe = parseRecipe({ version: 1, models, terms: [{ task: 0, part: 'full', coefficient: 1 }], method: { name: 'negation', lambda: 0.5 } });
    expect(toMergekit(recipe).config).toMatchObject({ merge_method: 'task_arithmetic', parameters: { lambda: 0.5 }, models: [{ model: 'org/a', parameters: { weight: -1 } }] });
  });

  it('lists every part mergekit cannot express', () => {
    const recipe = parseRecipe({
      version: 1,
      models,
      terms: [
        { task: 0, part: 'full', coefficient: 1 },
        { task: 0, part: 'shared', coefficient: 0.5 },
        { task: 1, part: 'unique', coefficient: 1, layers: [2] },
      ],
      method: { name: 'tsv_merge', lambda: 1 },
    });
    let err: MergekitExportError | undefined;
    try {
      toMergekit(recipe);
    } catch (e) {
      err = e as MergekitExportError;
    }
    expect(err!.problems).toHaveLength(5);
    expect(err!.message).toMatch(/shared part of task 0/);
    expect(err!.message).toMatch(/unique part of task 1/);
    expect(err!.message).toMatch(/layers: mergekit has no layer filter/);
    expect(err!.message).toMatch(/task 0 appears twice/);
    expect(err!.message).toMatch(/tsv_merge has no mergekit equivalent/);
  });
});
