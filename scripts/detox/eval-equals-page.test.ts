import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { detoxMethods, detoxRecipe } from '../../lib/demos/detox/detox-recipes';
import { defaultDetoxState } from '../../lib/demos/detox/detox-state';
import type { LabEngine } from '../../lib/engine/lab-engine';
import { readSafetensors } from '../../lib/tensors/safetensors';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { detoxEngine, negationAt } from './page-engine';

// The evidence on /detox must be about the weights /detox computes: the evaluation applies the page's
// recipes (detoxMethods, the contract's recipes) on the page's engine, so at any lambda its negations
// are the page's bit for bit on wasm, a control included.
describe('detox evaluation scores the weights the page computes', () => {
  const load = (n: string) => readSafetensors(readFileSync(`public/models/detox/${n}.safetensors`));
  let page: LabEngine;
  let evaluation: LabEngine;
  beforeAll(async () => {
    const models = { base: load('base'), toxic: load('toxic'), benign: load('benign') };
    page = await detoxEngine(models); // as lib/detox's runtime registers them in the worker
    evaluation = await detoxEngine(models);
  }, 60_000);

  const same = (a: WeightSet, b: WeightSet) => {
    for (const [n, t] of Object.entries(a.tensors)) expect(Buffer.from(t.data.buffer).equals(Buffer.from(b.tensors[n].data.buffer)), n).toBe(true);
  };

  it('plain and unique negation at the evaluation lambdas, and an energy-matched control', async () => {
    const state = { ...defaultDetoxState, lambda: { plain: 0.168, unique: 0.241 } };
    for (const id of ['plain', 'unique'] as const) {
      const shown = detoxMethods(state).find((m) => m.id === id)!.recipe;
      const scored = negationAt(detoxMethods(defaultDetoxState).find((m) => m.id === id)!.recipe, state.lambda[id]);
      same(await evaluation.apply(scored), await page.apply(shown));
    }
    const unique = detoxMethods(state).find((m) => m.id === 'unique')!.recipe;
    const control = detoxRecipe(state, unique.terms, unique.method, { control: 'energy-matched', seed: 0 });
    same(await evaluation.apply(negationAt(control, 0.3)), await page.apply(negationAt(control, 0.3)));
  }, 180_000);
});
