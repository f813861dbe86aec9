import { beforeAll, describe, expect, it } from 'vitest';
import { LabEngine } from '../../lib/engine/lab-engine';
import type { MergeFamily } from '../../lib/demos/merge/merge-family';
import { baseId, mergeMethods, taskId } from '../../lib/demos/merge/merge-recipes';
import { mergeStateSchema } from '../../lib/demos/merge/merge-state';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { BASELINES, evalState, formTaShared, formUniqueShared, type MethodSpec } from './eval-grid';
import { familyEngine } from './family-engine';
import { loadFamilyFromDisk } from './node-family';

// The evidence on /merge must be about the weights /merge computes: for the same state, the encoder
// `npm run eval:merge` scores is the page's, bit for bit, on the page's wasm engine.
describe('merge evaluation scores the weights the page computes', () => {
  const tasks = ['mnist', 'digits', 'greek'];
  let family: MergeFamily;
  let page: LabEngine;
  beforeAll(async () => {
    family = await loadFamilyFromDisk('public/models/merge');
    // What the page's merge runtime does with the loaded family (lib/demos/merge/merge-runtime.ts).
    page = new LabEngine();
    await page.init('wasm');
    page.addWeights(baseId, family.base);
    for (const [name, enc] of Object.entries(family.encoders)) page.addWeights(taskId(name), enc);
  }, 60_000);

  const same = (a: WeightSet, b: WeightSet) => {
    expect(Object.keys(a.tensors).sort()).toEqual(Object.keys(b.tensors).sort());
    for (const [n, t] of Object.entries(a.tensors)) expect(Buffer.from(t.data.buffer).equals(Buffer.from(b.tensors[n].data.buffer)), n).toBe(true);
  };

  const cases: [MethodSpec, { lambda: number; second?: number }, string, Record<string, unknown>][] = [
    [BASELINES[0], { lambda: 0.3 }, 'task_arithmetic', { lambda: { ...evalState(tasks).lambda, task_arithmetic: 0.3 } }],
    // Unique + shared once: gamma = 1 / lambda; TA + shared: (lambda, alpha).
    [formUniqueShared('method'), { lambda: 0.5 }, 'unique_shared', { gamma: 2, lambda: { ...evalState(tasks).lambda, unique_shared: 0.5 } }],
    [formTaShared('random', 'control_random'), { lambda: 0.1, second: 8 }, 'control', { alpha: 8, control: 'random', controlForm: 'ta_shared', seed: 2, lambda: { ...evalState(tasks).lambda, ta_shared: 0.1 } }],
  ];

  for (const [spec, point, pageMethod, state] of cases) {
    it(`${spec.id} at λ = ${point.lambda}`, async () => {
      const evaluation = await familyEngine(family.base, tasks, tasks.map((t) => family.encoders[t]));
      const scored = await evaluation.apply(spec.recipe(tasks, point, 2));
      const pageState = mergeStateSchema.parse({ ...evalState(tasks), ...state });
      const shown = await page.apply(mergeMethods(pageState).find((m) => m.id === pageMethod)!.recipe);
      same(scored, shown);
    }, 120_000);
  }
});
