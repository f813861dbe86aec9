import type { Decomposition } from '../decompose/decompose-weights';
import type { WeightSet } from '../tensors/weight-set';
import { getMethod } from './methods/registry';
import type { Recipe } from './schema';

/**
 * theta = theta_0 + method(c_1 * component_1, ..., c_m * component_m), tensor by tensor.
 * The decomposition must have been computed with the recipe's options over its tasks.
 */
export function applyRecipe(recipe: Recipe, base: WeightSet, decomposition: Decomposition): WeightSet {
  if (decomposition.taskCount !== recipe.models.tasks.length) {
    throw new Error(`recipe names ${recipe.models.tasks.length} tasks but the decomposition has ${decomposition.taskCount}`);
  }
  const method = getMethod(recipe.method.name);
  const tensors: WeightSet['tensors'] = {};
  for (const name of decomposition.names) {
    const b = base.tensors[name];
    const parts = decomposition.components[name];
    const vectors = recipe.terms.map((t) => {
      const v = parts.part(t.part, t.task); // formed now, owned here: scaled in place
      for (let i = 0; i < v.length; i++) v[i] = t.coefficient * v[i];
      return v;
    });
    const delta = new Float32Array(b.data.length);
    if (vectors.length) method.apply(vectors, recipe.method, delta, { name, shape: b.shape });
    const out = new Float32Array(b.data.length);
    for (let i = 0; i < out.length; i++) out[i] = b.data[i] + delta[i];
    tensors[name] = { shape: [...b.shape], data: out };
  }
  return { tensors, metadata: { recipe: JSON.stringify(recipe) } };
}
