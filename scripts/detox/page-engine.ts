/**
 * The engine the /detox page edits with (lib/engine on tfjs-wasm), in Node, holding the three models
 * under the page's ids: an evaluation that applies the page's recipes here scores the page's weights.
 */
import { LabEngine } from '../../lib/engine/lab-engine';
import { detoxIds } from '../../lib/demos/detox/detox-recipes';
import type { Recipe } from '../../lib/recipe/schema';
import type { WeightSet } from '../../lib/tensors/weight-set';

export async function detoxEngine(models: { base: WeightSet; toxic: WeightSet; benign: WeightSet }): Promise<LabEngine> {
  const engine = new LabEngine();
  await engine.init('wasm');
  for (const name of ['base', 'toxic', 'benign'] as const) engine.addWeights(detoxIds[name], models[name]);
  return engine;
}

/** A negation recipe at another lambda. */
export const negationAt = (recipe: Recipe, lambda: number): Recipe => ({ ...recipe, method: { name: 'negation', lambda } });
