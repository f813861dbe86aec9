import type { Decomposition } from '../decompose/decompose-weights';
import type { WeightSet } from '../tensors/weight-set';
import { layerPositions } from './layer-schedule';
import { getMethod } from './methods/registry';
import type { Recipe } from './schema';
import { termContext, termsAt } from './terms-at';

/**
 * theta = theta_0 + lambda * direction, tensor by tensor, where direction = method(c_1 * component_1,
 * ..., c_m * component_m) at lambda = 1. Every method is lambda times a direction
 * (methods/linear-in-lambda.test.ts checks each), so the direction is computed once per recipe
 * without its lambda and a lambda edit only rescales it (LabEngine caches directions).
 * The decomposition must have been computed with the recipe's options over its tasks.
 */
export function applyRecipe(recipe: Recipe, base: WeightSet, decomposition: Decomposition): WeightSet {
  return scaleDirection(recipe, base, recipeDirection(recipe, base, decomposition));
}

/** The recipe with lambda set to 1: everything its direction depends on (a cache key). */
export const directionRecipe = (recipe: Recipe): Recipe => ({ ...recipe, method: { ...recipe.method, lambda: 1 } });

/** The method's delta at lambda = 1, per tensor (the recipe's own lambda is ignored). */
export function recipeDirection(recipe: Recipe, base: WeightSet, decomposition: Decomposition): WeightSet {
  if (decomposition.taskCount !== recipe.models.tasks.length) {
    throw new Error(`recipe names ${recipe.models.tasks.length} tasks but the decomposition has ${decomposition.taskCount}`);
  }
  const method = getMethod(recipe.method.name);
  const params = directionRecipe(recipe).method;
  const tensors: WeightSet['tensors'] = {};
  const positions = layerPositions(decomposition.names);
  for (const name of decomposition.names) {
    const b = base.tensors[name];
    const parts = decomposition.components[name];
    const at = termsAt(recipe.terms, name, positions.get(name));
    const vectors = at.map(({ term, weight }) => {
      const v = parts.part(term.part, term.task); // formed now, owned here: scaled in place
      for (let i = 0; i < v.length; i++) v[i] = weight * v[i];
      return v;
    });
    const direction = new Float32Array(b.data.length);
    if (vectors.length) method.apply(vectors, params, direction, { name, shape: b.shape, ...termContext(at) });
    tensors[name] = { shape: [...b.shape], data: direction };
  }
  return { tensors };
}

/** theta_0 + lambda * direction in float32 (lambda from the recipe, which the metadata records). */
export function scaleDirection(recipe: Recipe, base: WeightSet, direction: WeightSet): WeightSet {
  const lambda = recipe.method.lambda;
  const tensors: WeightSet['tensors'] = {};
  for (const [name, d] of Object.entries(direction.tensors)) {
    const b = base.tensors[name];
    const out = new Float32Array(b.data.length);
    for (let i = 0; i < out.length; i++) out[i] = b.data[i] + Math.fround(lambda * d.data[i]);
    tensors[name] = { shape: [...b.shape], data: out };
  }
  return { tensors, metadata: { recipe: JSON.stringify(recipe) } };
}
