import { type LabLink, type LabSource, labLinkSchema } from './lab-link';
import { parseSource } from '../sources/source-ref';
import type { Recipe } from '../recipe/schema';

/**
 * A recipe read from a pasted mergekit config as /lab's link state. /lab's link carries the recipe's
 * own terms and method, so the edit carries over whole (per-layer schedules, densities, every method);
 * hub ids become remote sources, paths local ones the page asks for. `approximations` lists what the
 * link cannot hold (decomposition options other than energy, eta and side), so the page can say so.
 */
export function recipeToLabLink(recipe: Recipe): { link: LabLink; approximations: string[] } {
  const source = (ref: string): LabSource => {
    const remote = /^[\w.-]+\/[\w.-]+(@[\w./-]+)?$/.test(ref) ? `hf:${ref}` : ref;
    try {
      parseSource(remote);
      return { kind: 'remote', ref: remote };
    } catch {
      return { kind: 'local', name: ref };
    }
  };
  const { energy, eta, side, ...rest } = recipe.decomposition;
  const defaults: Record<string, unknown> = { maxRank: null, vectors: 'unique', over: null, control: 'none', seed: 0 };
  const approximations = Object.entries(rest)
    .filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(defaults[k]))
    .map(([k, v]) => `decomposition option ${k} = ${JSON.stringify(v)} is not held by /lab's link; /lab uses its default`);
  const link = labLinkSchema.parse({
    base: source(recipe.models.base),
    tasks: recipe.models.tasks.map(source),
    decomposition: { energy, eta, side },
    terms: recipe.terms,
    method: recipe.method,
  });
  return { link, approximations };
}
