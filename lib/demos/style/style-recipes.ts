import type { StyleName } from './dataset/styles';
import { RECIPE_VERSION, type Recipe } from '../../recipe/schema';
import type { StyleState } from './style-state';

export type StylePanelId = 'base' | `single_${StyleName}` | 'naive' | 'unique_mix';

export interface StylePanel {
  id: StylePanelId;
  title: string;
  formula: string;
  /** The styles this panel should show (its ground truth). */
  target: StyleName[];
  /** null = the base weights as shipped. */
  recipe: Recipe | null;
}

/** Checkpoint ids as the engine knows them. */
export const styleBaseId = 'style/base';
export const styleTaskId = (s: StyleName) => `style/${s}`;

/**
 * The panels compared on /style, each as a recipe over the chosen styles (so every panel shares
 * one decomposition: the shared subspace is computed over exactly the chosen styles).
 *   naive:      theta_0 + sum_i lambda_i tau_i
 *   unique_mix: theta_0 + gamma tau_S + sum_i beta_i unique_i, tau_S = mean_i shared_i (METHOD.md)
 */
export function stylePanels(state: StyleState): StylePanel[] {
  const k = state.styles.length;
  const decomposition = { energy: state.energy, eta: state.eta, side: 'left' as const, maxRank: null, vectors: state.vectors, over: null, control: 'none' as const, seed: state.seed };
  const recipe = (terms: Recipe['terms']): Recipe => ({
    version: RECIPE_VERSION,
    models: { family: 'style', base: styleBaseId, tasks: state.styles.map(styleTaskId) },
    decomposition,
    terms,
    method: { name: 'task_arithmetic', lambda: 1 },
    seed: state.seed,
  });
  const names = state.styles.join(' + ');
  return [
    { id: 'base', title: 'Base', formula: 'θ₀', target: [], recipe: null },
    ...state.styles.map((s, i): StylePanel => ({ id: `single_${s}`, title: s, formula: `θ₀ + τ_${s}`, target: [s], recipe: recipe([{ task: i, part: 'full', coefficient: 1 }]) })),
    {
      id: 'naive',
      title: `Naive: ${names}`,
      formula: `θ₀ + ${state.styles.map((s) => `${state.naive[s]}·τ_${s}`).join(' + ')}`,
      target: [...state.styles],
      recipe: recipe(state.styles.map((s, task) => ({ task, part: 'full', coefficient: state.naive[s] }))),
    },
    {
      id: 'unique_mix',
      title: `Unique-only: ${names}`,
      formula: `θ₀ + ${state.gamma}·τ_S + ${state.styles.map((s) => `${state.beta[s]}·unique_${s}`).join(' + ')}`,
      target: [...state.styles],
      recipe: recipe([
        ...state.styles.map((s, task) => ({ task, part: 'unique' as const, coefficient: state.beta[s] })),
        ...state.styles.map((_, task) => ({ task, part: 'shared' as const, coefficient: state.gamma / k })),
      ]),
    },
  ];
}
