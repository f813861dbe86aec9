import { type LabLink, type LabSource, labLinkSchema } from '../../lab/lab-link';
import { parseSource } from '../../sources/source-ref';
import type { Recipe } from '../schema';

/**
 * A recipe read from a pasted mergekit config as /lab's link state, as far as /lab can say it: each
 * model's weight w becomes its shared and unique coefficients (w on both: shared + unique = the full
 * task vector, exact for the linear methods), the method and lambda carry over. Everything /lab cannot
 * hold yet is listed in `approximations`, so the page can show what changed.
 */
export function recipeToLabLink(recipe: Recipe): { link: LabLink; approximations: string[] } {
  const approximations: string[] = [];
  const source = (ref: string): LabSource => {
    const remote = /^[\w.-]+\/[\w.-]+(@[\w./-]+)?$/.test(ref) ? `hf:${ref}` : ref;
    try {
      parseSource(remote);
      return { kind: 'remote', ref: remote };
    } catch {
      return { kind: 'local', name: ref };
    }
  };
  const m = recipe.method;
  const weights = recipe.models.tasks.map((_, task) => {
    const terms = recipe.terms.filter((t) => t.task === task);
    let w = terms.reduce((s, t) => s + (t.part === 'full' ? t.coefficient : 0), 0);
    terms.forEach((t) => {
      if (t.schedule !== undefined || t.layers !== undefined) approximations.push(`model ${task + 1}: per-layer weights are not on /lab yet; its coefficient ${t.coefficient} is used on every layer`);
      if (t.density !== undefined) approximations.push(`model ${task + 1}: its own density is not on /lab; TIES uses 0.2`);
    });
    if (m.name === 'task_arithmetic' && m.normalize) w /= recipe.terms.reduce((s, t) => s + t.coefficient, 0) || 1;
    return w;
  });
  let method: LabLink['method'] = 'task_arithmetic';
  if (m.name === 'negation' || m.name === 'ties') method = m.name;
  else if (m.name !== 'task_arithmetic') approximations.push(`method ${m.name} is not on /lab yet (use tvlab apply); task arithmetic is shown instead`);
  if (m.name === 'ties') approximations.push('TIES on /lab trims shared and unique parts separately at density 0.2, not whole task vectors at the config\'s density');
  if (m.lambda < 0) approximations.push(`lambda ${m.lambda} is negative; /lab takes 0 to 10, so its sign moves into the coefficients`);
  const sign = m.lambda < 0 ? -1 : 1;
  const link = labLinkSchema.parse({
    base: source(recipe.models.base),
    tasks: recipe.models.tasks.map(source),
    coefficients: weights.map((w) => ({ shared: sign * w, unique: sign * w })),
    method,
    lambda: Math.abs(m.lambda),
  });
  return { link, approximations: [...new Set(approximations)] };
}
