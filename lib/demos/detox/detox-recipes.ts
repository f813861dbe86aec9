import { RECIPE_VERSION, type Recipe } from '../../recipe/schema';
import type { DetoxState } from './detox-state';

export type DetoxMethodId = 'base' | 'toxic' | 'plain' | 'unique';

export interface DetoxMethod {
  id: DetoxMethodId;
  title: string;
  formula: string;
  recipe: Recipe;
}

export const detoxIds = { base: 'detox/base', toxic: 'detox/toxic', benign: 'detox/benign' } as const;

/**
 * A recipe over the detox models (tasks: toxic, benign) with the state's decomposition options;
 * `control` swaps the shared subspace for a same-size random one or an energy-matched one (the
 * evaluation's controls).
 */
export function detoxRecipe(
  s: DetoxState,
  terms: Recipe['terms'],
  method: Recipe['method'],
  control: { control: 'none' | 'random' | 'energy-matched'; seed: number } = { control: 'none', seed: 0 },
): Recipe {
  return {
    version: RECIPE_VERSION,
    models: { family: 'detox', base: detoxIds.base, tasks: [detoxIds.toxic, detoxIds.benign] },
    decomposition: { energy: s.energy, eta: s.eta, side: 'left', maxRank: null, vectors: 'unique', over: null, ...control },
    terms,
    method,
    seed: s.seed,
  };
}

/**
 * The four models compared: the shared subspace is computed between the toxic task vector and the
 * benign one (same register), so "unique" is what the toxic fine-tune added beyond the register.
 */
export function detoxMethods(s: DetoxState): DetoxMethod[] {
  const recipe = (terms: Recipe['terms'], method: Recipe['method']) => detoxRecipe(s, terms, method);
  return [
    { id: 'base', title: 'Base', formula: 'θ₀', recipe: recipe([], { name: 'task_arithmetic', lambda: 1 }) },
    { id: 'toxic', title: 'Toxic fine-tune', formula: 'θ₀ + τ_toxic', recipe: recipe([{ task: 0, part: 'full', coefficient: 1 }], { name: 'task_arithmetic', lambda: 1 }) },
    { id: 'plain', title: 'Plain negation', formula: 'θ₀ − λ τ_toxic', recipe: recipe([{ task: 0, part: 'full', coefficient: 1 }], { name: 'negation', lambda: s.lambda.plain }) },
    { id: 'unique', title: 'Unique negation', formula: 'θ₀ − λ unique_toxic', recipe: recipe([{ task: 0, part: 'unique', coefficient: 1 }], { name: 'negation', lambda: s.lambda.unique }) },
  ];
}
