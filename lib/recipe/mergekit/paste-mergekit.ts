import { RecipeError, type Recipe } from '../schema';
import { fromMergekit, MergekitError } from './from-mergekit';

export type PastedMergekit =
  | { ok: true; recipe: Recipe; notes: string[]; summary: string }
  | { ok: false; problems: string[] };

/**
 * A mergekit YAML pasted into a page: the recipe it becomes with a one-line summary, or the list of
 * problems to show (never a thrown error, so a text box can call it on every edit).
 */
export function readPastedMergekit(text: string): PastedMergekit {
  if (!text.trim()) return { ok: false, problems: ['paste a mergekit config (YAML with merge_method, base_model and models)'] };
  try {
    const { recipe, notes } = fromMergekit(text);
    const m = recipe.method;
    const summary = `${m.name} over ${recipe.models.tasks.length} model${recipe.models.tasks.length === 1 ? '' : 's'} on ${recipe.models.base}, lambda ${m.lambda}${recipe.terms.some((t) => t.schedule !== undefined) ? ', per-layer weights' : ''}`;
    return { ok: true, recipe, notes, summary };
  } catch (e) {
    if (e instanceof MergekitError) return { ok: false, problems: e.problems };
    if (e instanceof RecipeError) return { ok: false, problems: [e.message] };
    // YAML syntax errors: the first line says where.
    return { ok: false, problems: [`not readable YAML: ${(e as Error).message.split('\n')[0]}`] };
  }
}
