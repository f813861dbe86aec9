import type { Recipe } from '../../recipe/schema';
import { RECIPE_VERSION } from '../../recipe/schema';
import type { MergeState } from './merge-state';

export type MergeMethodId = 'task_arithmetic' | 'ties' | 'ta_shared' | 'unique_shared' | 'control';

export interface MergeMethod {
  id: MergeMethodId;
  title: string;
  formula: string;
  recipe: Recipe;
}

/** Checkpoint ids as the engine knows them: "merge/base", "merge/task-<name>". */
export const baseId = 'merge/base';
export const taskId = (name: string) => `merge/task-${name}`;

/**
 * The methods compared on the page, each as a recipe. The shared part can be computed over a
 * subset of the merged tasks (METHOD.md: the strict all-task intersection empties as k grows).
 */
export function mergeMethods(state: MergeState, lambdaOverride?: number): MergeMethod[] {
  const k = state.tasks.length;
  const over = state.sharedOver.length >= 2 ? state.sharedOver.map((t) => state.tasks.indexOf(t)).filter((i) => i >= 0) : null;
  const decomposition = { energy: state.energy, eta: state.eta, side: state.side, maxRank: null, vectors: 'unique' as const, over, control: 'none' as const, seed: state.seed };
  const models = { family: 'merge', base: baseId, tasks: state.tasks.map(taskId) };
  const all = (part: 'full' | 'unique' | 'shared', coefficient: number) => state.tasks.map((_, task) => ({ task, part, coefficient }));
  const lam = (id: keyof MergeState['lambda']) => lambdaOverride ?? state.lambda[id];
  const recipe = (terms: Recipe['terms'], method: Recipe['method'], control: Recipe['decomposition']['control'] = 'none'): Recipe => ({
    version: RECIPE_VERSION,
    models,
    decomposition: { ...decomposition, control },
    terms,
    method,
    seed: state.seed,
  });
  const methods: MergeMethod[] = [
    {
      id: 'task_arithmetic',
      title: 'Task arithmetic',
      formula: 'θ₀ + λ Σ τᵢ',
      recipe: recipe(all('full', 1), { name: 'task_arithmetic', lambda: lam('task_arithmetic') }),
    },
    {
      id: 'ties',
      title: 'TIES',
      formula: 'θ₀ + λ · disjoint mean of trimmed, sign-elected τᵢ',
      recipe: recipe(all('full', 1), { name: 'ties', lambda: lam('ties'), density: state.density, election: 'mass' }),
    },
    {
      id: 'ta_shared',
      title: 'Task arithmetic + shared',
      formula: 'θ₀ + λ (Σ τᵢ + α τ_S)',
      recipe: recipe([...all('full', 1), ...all('shared', state.alpha / k)], { name: 'task_arithmetic', lambda: lam('ta_shared') }),
    },
    {
      id: 'unique_shared',
      title: 'Unique + shared once',
      formula: 'θ₀ + λ (Σ uniqueᵢ + γ τ_S)',
      recipe: recipe([...all('unique', 1), ...all('shared', state.gamma / k)], { name: 'task_arithmetic', lambda: lam('unique_shared') }),
    },
  ];
  if (state.control !== 'none') {
    const form = methods.find((m) => m.id === state.controlForm)!;
    methods.push({
      id: 'control',
      title: `${form.id === 'ta_shared' ? 'TA + shared' : 'Unique + shared once'}, ${state.control} control`,
      formula: `same as ${form.id === 'ta_shared' ? 'TA + shared' : 'unique + shared once'}, Z replaced by a ${state.control === 'energy-matched' ? 'energy-matched' : 'same-size'} control subspace`,
      recipe: { ...form.recipe, decomposition: { ...form.recipe.decomposition, control: state.control } },
    });
  }
  return methods;
}
