import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { writeSafetensors } from '../tensors/safetensors';
import type { WeightSet } from '../tensors/weight-set';
import { fromMergekit, isMergekitConfig } from './mergekit/from-mergekit';
import { parseRecipe, type Recipe } from './schema';

/**
 * The one way edited weights leave the app or the CLI: the recipe and the model ids travel in
 * __metadata__, so a file says how it was made and `tvlab apply` can remake it.
 */
export function editedSafetensors(ws: WeightSet, recipe: Recipe, dtype: 'F32' | 'F16' = 'F32'): Uint8Array {
  return writeSafetensors(
    { tensors: ws.tensors },
    { dtype, metadata: { format: 'task-vector-lab/edit@1', recipe: JSON.stringify(recipe), base: recipe.models.base, tasks: recipe.models.tasks.join(',') } },
  );
}

export const recipeToJson = (recipe: Recipe): string => `${JSON.stringify(recipe, null, 2)}\n`;
export const recipeToYaml = (recipe: Recipe): string => stringifyYaml(recipe);

/** Reads a recipe file in JSON or YAML (YAML is a superset of JSON, but JSON errors read better). */
export const recipeFromText = (text: string, fileName = ''): Recipe => readRecipeText(text, fileName).recipe;

/**
 * A recipe file, or a mergekit config (it has `merge_method`), as a recipe; notes say what a
 * mergekit config holds that has no effect here. Unsupported mergekit keys throw one MergekitError.
 */
export function readRecipeText(text: string, fileName = ''): { recipe: Recipe; notes: string[]; format: 'recipe' | 'mergekit' } {
  let raw: unknown;
  try {
    raw = /\.ya?ml$/i.test(fileName) ? parseYaml(text, { maxAliasCount: 10 }) : JSON.parse(text);
  } catch (e) {
    throw new Error(`${fileName || 'recipe'}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (isMergekitConfig(raw)) return { ...fromMergekit(raw), format: 'mergekit' };
  return { recipe: parseRecipe(raw), notes: [], format: 'recipe' };
}
