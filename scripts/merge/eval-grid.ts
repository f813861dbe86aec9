/**
 * The methods compared by `npm run eval:merge` and their tuning grids: every method gets 12 points,
 * tuned on validation (v4, docs/merge-protocol-v4.md). Each grid is fine where that method's optimum lies:
 * task-arithmetic-scale lambdas step by 0.0125 up to 0.125 (every optimum within 0.025 of a grid point);
 * methods that average (TIES, Model Stock, RAM, the coordinate merges) act like one task, so their lambda is
 * k times larger and their steps are too. The page's methods are the page's own recipes (mergeMethods(state) of the
 * demo contract) at the grid point's state, so the evaluation scores the weights the page computes;
 * the literature's mergers, which the page does not run live, take the page's task arithmetic recipe
 * with their own method.
 */
import { defaultMergeState, type MergeState } from '../../lib/demos/merge/merge-state';
import { type MergeMethodId, mergeMethods } from '../../lib/demos/merge/merge-recipes';
import { methodParamsSchema } from '../../lib/recipe/methods/registry';
import type { z } from 'zod';
import type { Recipe } from '../../lib/recipe/schema';

export const GRID_SIZE = 12;
const L_SUM = [0.0125, 0.025, 0.0375, 0.05, 0.0625, 0.075, 0.0875, 0.1, 0.1125, 0.125, 0.15, 0.2];
const L_SVD = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0, 1.2, 1.5, 2.0];
const L_TIES = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4];
/** TA + shared: lambda x alpha; alpha = 0 is task arithmetic itself (the grid contains the baseline, said wherever reported). */
const L_PAIR = [0.025, 0.05, 0.075, 0.1];
const ALPHAS = [0, 8, 24];

/** The side the evaluation decomposes (the protocol's choice from the method's premise check). */
export const EVAL_SIDE: MergeState['side'] = 'right';
/** rho: 0.97 keeps the planted common change in every task subspace (premise check, docs/merge-models.md). */
export const EVAL_ENERGY = 0.97;

export type Subspace = 'method' | 'top-singular' | 'random' | 'energy-matched';

export interface GridPoint {
  lambda: number;
  /** TA + shared: alpha (the shared part's dose is lambda (k + alpha)); unique + shared once: absent (its dose is 1). */
  second?: number;
}

export interface MethodSpec {
  id: string;
  title: string;
  formula: string;
  grid: GridPoint[];
  /** The recipe the evaluation scores at a grid point; `draw` seeds a random control. */
  recipe(tasks: string[], p: GridPoint, draw?: number): Recipe;
}

/** The decomposition the evaluation uses (METHOD.md defaults), on top of the page's defaults. */
export const evalState = (tasks: string[]): MergeState => ({ ...defaultMergeState(tasks), energy: EVAL_ENERGY, eta: 0.85, side: EVAL_SIDE });

/** The page's recipe for method `id` at `state`. */
export const pageRecipe = (state: MergeState, id: MergeMethodId): Recipe => mergeMethods(state).find((m) => m.id === id)!.recipe;

const withLambda = (s: MergeState, id: keyof MergeState['lambda'], lambda: number): MergeState => ({ ...s, lambda: { ...s.lambda, [id]: lambda } });
const single = (lambdas: number[]): GridPoint[] => lambdas.map((lambda) => ({ lambda }));
const pair = (alphas: number[]): GridPoint[] => alphas.flatMap((second) => L_PAIR.map((lambda) => ({ lambda, second })));

/** A literature merger: the page's task arithmetic recipe (same models, decomposition, terms) with another method. */
const literature = (id: string, title: string, formula: string, grid: GridPoint[], method: (lambda: number) => z.input<typeof methodParamsSchema>): MethodSpec => ({
  id, title, formula, grid,
  recipe: (tasks, p) => ({ ...pageRecipe(evalState(tasks), 'task_arithmetic'), method: methodParamsSchema.parse(method(p.lambda)) }),
});

export const BASELINES: MethodSpec[] = [
  {
    id: 'task_arithmetic', title: 'Task arithmetic', formula: 'θ₀ + λ Σ τᵢ', grid: single(L_SUM),
    recipe: (tasks, p) => pageRecipe(withLambda(evalState(tasks), 'task_arithmetic', p.lambda), 'task_arithmetic'),
  },
  {
    id: 'ties', title: 'TIES (density 0.2)', formula: 'θ₀ + λ · disjoint mean of trimmed, sign-elected τᵢ', grid: single(L_TIES),
    recipe: (tasks, p) => pageRecipe({ ...withLambda(evalState(tasks), 'ties', p.lambda), density: 0.2 }, 'ties'),
  },
  literature('tsv_merge', 'TSV-M', 'θ₀ + λ ⊥[U₁..U_k] diag(S) ⊥[V₁..V_k]ᵀ', single(L_SVD), (lambda) => ({ name: 'tsv_merge', lambda, rankShare: 1 })),
  literature('iso_c', 'Iso-C', 'θ₀ + λ σ̄ U Vᵀ of Σ τᵢ', single(L_SVD), (lambda) => ({ name: 'iso_c', lambda })),
  literature('iso_cts', 'Iso-CTS (common 0.8)', 'θ₀ + λ σ̄ ⊥[U_c, U_t..] ⊥[V_c, V_t..]ᵀ', single(L_SVD), (lambda) => ({ name: 'iso_cts', lambda, commonShare: 0.8 })),
  literature('dare', 'DARE (p = 0.5) + TA', 'θ₀ + λ Σ mᵢ ⊙ τᵢ / (1 − p)', single(L_SUM), (lambda) => ({ name: 'dare', lambda, drop: 0.5, seed: 1 })),
  // Sums of pruned task vectors scale like task arithmetic; means (disjoint, Model Stock, RAM on dense
  // task vectors, the coordinate merges) like one task, as TIES does: each reuses that grid.
  literature('breadcrumbs', 'Model Breadcrumbs (density 0.2, top 1% out)', 'θ₀ + λ Σ mᵢ ⊙ τᵢ (middle magnitudes)', single(L_SUM), (lambda) => ({ name: 'breadcrumbs', lambda, density: 0.2, gamma: 0.01 })),
  literature('della', 'DELLA (density 0.4 ± 0.15)', 'θ₀ + λ Σ sign-agreeing mᵢ ⊙ τᵢ / pᵢ', single(L_SUM), (lambda) => ({ name: 'della', lambda, density: 0.4, epsilon: 0.15, seed: 1 })),
  literature('model_stock', 'Model Stock', 'θ₀ + λ t τ̄, t = k cos / (1 + (k − 1) cos)', single(L_TIES), (lambda) => ({ name: 'model_stock', lambda })),
  literature('ram', 'RAM (element-wise shared / unique)', 'θ₀ + λ (Σ unique entries + mean of shared entries)', single(L_TIES), (lambda) => ({ name: 'ram', lambda })),
  literature('knots', 'KnOTS-TIES (density 0.2)', 'θ₀ + λ U S TIES(V₁..V_k)ᵀ', single(L_TIES), (lambda) => ({ name: 'knots', lambda, merge: 'ties', density: 0.2 })),
  literature('core_space', 'Core Space TIES (density 0.2)', 'θ₀ + λ U TIES(Uᵀ τᵢ V) Vᵀ', single(L_TIES), (lambda) => ({ name: 'core_space', lambda, merge: 'ties', density: 0.2 })),
];

/**
 * A shared-part form on the page: 'ta_shared' (θ₀ + λ (Σ τᵢ + α τ_S)) or 'unique_shared'
 * (θ₀ + λ (Σ uniqueᵢ + γ τ_S)); with a control subspace it is the page's control method in that form.
 * TA + shared is tuned over λ and α (α = 0 is task arithmetic); unique + shared once gives the shared part dose 1
 * (γ = 1 / λ) and tunes λ (docs/merge-protocol-v4.md).
 */
function sharedForm(form: 'ta_shared' | 'unique_shared', subspace: Subspace, id: string, title: string): MethodSpec {
  const ta = form === 'ta_shared';
  return {
    id, title,
    formula: ta ? 'θ₀ + λ (Σ τᵢ + α τ_S)' : 'θ₀ + λ Σ uniqueᵢ + τ_S (γ = 1/λ)',
    grid: ta ? pair(ALPHAS) : single(L_SUM),
    recipe: (tasks, p, draw = 1) => {
      const s = { ...withLambda(evalState(tasks), form, p.lambda), ...(ta ? { alpha: p.second! } : { gamma: 1 / p.lambda }) };
      return subspace === 'method' ? pageRecipe(s, form) : pageRecipe({ ...s, control: subspace, controlForm: form, seed: draw }, 'control');
    },
  };
}

export const formTaShared = (subspace: Subspace, id = 'ta_shared', title = 'TA + shared') => sharedForm('ta_shared', subspace, id, title);
export const formUniqueShared = (subspace: Subspace, id = 'unique_shared', title = 'Unique + shared once') => sharedForm('unique_shared', subspace, id, title);

export const CONTROLS: { subspace: Exclude<Subspace, 'method'>; title: string }[] = [
  { subspace: 'top-singular', title: 'top-singular subspace' },
  { subspace: 'random', title: 'random subspace' },
  { subspace: 'energy-matched', title: 'energy-matched subspace' },
];

export const RANDOM_DRAWS = 10;
