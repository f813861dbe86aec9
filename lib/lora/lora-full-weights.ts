import { layerPositions } from '../recipe/layer-schedule';
import { getMethod } from '../recipe/methods/registry';
import type { Recipe } from '../recipe/schema';
import { termContext, termsAt } from '../recipe/terms-at';
import { describeMismatch, matchAdapterModules } from '../sources/name-matching';
import { numel, type WeightSet } from '../tensors/weight-set';
import { AdapterError, type Adapter } from './adapter-module';
import { decomposeLora } from './decompose-lora';
import { materialize } from './lora-factors';
import { alignModules } from './lora-recipe';

/**
 * A recipe over LoRA tasks applied to the base model's full weights: theta_0 + method(terms) per
 * adapted module, every other tensor copied. Each term is materialised for one module at a time,
 * so any method works (TIES included) with memory of one layer times the number of terms.
 */
export async function loraRecipeOnBase(recipe: Recipe, base: WeightSet, adapters: Adapter[], labels: string[] = recipe.models.tasks): Promise<WeightSet> {
  const names = alignModules(adapters, labels);
  const match = matchAdapterModules(Object.keys(base.tensors), names);
  const mismatch = describeMismatch('the adapters', match);
  if (mismatch) throw new AdapterError(mismatch);
  const method = getMethod(recipe.method.name);
  const needsSplit = recipe.terms.some((t) => t.part !== 'full');
  const tensors: WeightSet['tensors'] = {};
  for (const [n, t] of Object.entries(base.tensors)) tensors[n] = { shape: [...t.shape], data: t.data };
  const positions = layerPositions(names);
  for (const name of names) {
    const target = match.mapping.get(name)!;
    const b = base.tensors[target];
    const mods = adapters.map((a) => a.modules.find((m) => m.name === name)!);
    if (numel(mods[0].weightShape) !== b.data.length)
      throw new AdapterError(`module ${name} adapts a [${mods[0].weightShape}] weight but the base's ${target} is [${b.shape}]`);
    const split = needsSplit ? await decomposeLora(mods.map((m) => m.factors), recipe.decomposition) : null;
    const at = termsAt(recipe.terms, name, positions.get(name));
    const vectors: Float32Array[] = [];
    for (const { term, weight } of at) {
      const f = term.part === 'full' ? mods[term.task].factors : split![term.part][term.task];
      const dense = (await materialize(f)).data;
      vectors.push(Float32Array.from(dense, (x) => weight * x));
    }
    const delta = new Float32Array(b.data.length);
    if (vectors.length) method.apply(vectors, recipe.method, delta, { name: target, shape: b.shape, ...termContext(at) });
    tensors[target] = { shape: [...b.shape], data: b.data.map((x, i) => x + delta[i]) };
  }
  return { tensors, metadata: { recipe: JSON.stringify(recipe) } };
}
