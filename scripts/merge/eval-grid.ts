/**
 * The methods compared by `npm run eval:merge` and their tuning grids: every method gets 6 points,
 * tuned on validation. Each is a recipe whose weight delta is linear in lambda, so the delta at
 * lambda = 1 is computed once per setting and scaled.
 */
import type { RecipeInput } from '../../lib/recipe';

export const GRID_SIZE = 6;
const L_SUM = [0.05, 0.1, 0.2, 0.3, 0.5, 0.8];
const L_SVD = [0.1, 0.25, 0.5, 0.75, 1.0, 1.5];
const L_TIES = [0.5, 1, 1.5, 2, 3, 4];
const L_PAIR = [0.1, 0.3, 0.5];

export type Part = 'full' | 'shared' | 'unique';
export type Subspace = 'method' | 'top-singular' | 'random' | 'energy';

export interface GridPoint {
  lambda: number;
  /** alpha (TA + shared) or gamma (unique + shared once). */
  second?: number;
}

export interface MethodSpec {
  id: string;
  title: string;
  formula: string;
  grid: GridPoint[];
  /** Terms and method at lambda = 1 for a grid point's other coefficients. */
  recipe(k: number, p: GridPoint): { terms: RecipeInput['terms']; method: NonNullable<RecipeInput['method']> };
  /** Which decomposition its "shared" and "unique" parts come from. */
  subspace: Subspace;
}

const all = (k: number, part: Part, c: number) => Array.from({ length: k }, (_, task) => ({ task, part, coefficient: c }));
const single = (lambdas: number[]): GridPoint[] => lambdas.map((lambda) => ({ lambda }));
const pair = (seconds: number[]): GridPoint[] => seconds.flatMap((second) => L_PAIR.map((lambda) => ({ lambda, second })));

export const BASELINES: MethodSpec[] = [
  { id: 'task_arithmetic', title: 'Task arithmetic', formula: 'θ₀ + λ Σ τᵢ', grid: single(L_SUM), subspace: 'method', recipe: (k) => ({ terms: all(k, 'full', 1), method: { name: 'task_arithmetic', lambda: 1 } }) },
  { id: 'ties', title: 'TIES (density 0.2)', formula: 'θ₀ + λ · disjoint mean of trimmed, sign-elected τᵢ', grid: single(L_TIES), subspace: 'method', recipe: (k) => ({ terms: all(k, 'full', 1), method: { name: 'ties', lambda: 1, density: 0.2, election: 'mass' } }) },
  { id: 'tsv_merge', title: 'TSV-M', formula: 'θ₀ + λ ⊥[U₁..U_k] diag(S) ⊥[V₁..V_k]ᵀ', grid: single(L_SVD), subspace: 'method', recipe: (k) => ({ terms: all(k, 'full', 1), method: { name: 'tsv_merge', lambda: 1, rankShare: 1 } }) },
  { id: 'iso_c', title: 'Iso-C', formula: 'θ₀ + λ σ̄ U Vᵀ of Σ τᵢ', grid: single(L_SVD), subspace: 'method', recipe: (k) => ({ terms: all(k, 'full', 1), method: { name: 'iso_c', lambda: 1 } }) },
  { id: 'iso_cts', title: 'Iso-CTS (common 0.8)', formula: 'θ₀ + λ σ̄ ⊥[U_c, U_t..] ⊥[V_c, V_t..]ᵀ', grid: single(L_SVD), subspace: 'method', recipe: (k) => ({ terms: all(k, 'full', 1), method: { name: 'iso_cts', lambda: 1, commonShare: 0.8 } }) },
  { id: 'dare', title: 'DARE (p = 0.5) + TA', formula: 'θ₀ + λ Σ mᵢ ⊙ τᵢ / (1 − p)', grid: single(L_SUM), subspace: 'method', recipe: (k) => ({ terms: all(k, 'full', 1), method: { name: 'dare', lambda: 1, drop: 0.5, seed: 1 } }) },
  // Sums of pruned task vectors scale like task arithmetic; means (disjoint, Model Stock, RAM on dense
  // task vectors, the coordinate merges) like one task, as TIES does: each reuses that grid.
  { id: 'breadcrumbs', title: 'Model Breadcrumbs (density 0.2, top 1% out)', formula: 'θ₀ + λ Σ mᵢ ⊙ τᵢ (middle magnitudes)', grid: single(L_SUM), subspace: 'method', recipe: (k) => ({ terms: all(k, 'full', 1), method: { name: 'breadcrumbs', lambda: 1, density: 0.2, gamma: 0.01 } }) },
  { id: 'della', title: 'DELLA (density 0.4 ± 0.15)', formula: 'θ₀ + λ Σ sign-agreeing mᵢ ⊙ τᵢ / pᵢ', grid: single(L_SUM), subspace: 'method', recipe: (k) => ({ terms: all(k, 'full', 1), method: { name: 'della', lambda: 1, density: 0.4, epsilon: 0.15, seed: 1 } }) },
  { id: 'model_stock', title: 'Model Stock', formula: 'θ₀ + λ t τ̄, t = k cos / (1 + (k − 1) cos)', grid: single(L_TIES), subspace: 'method', recipe: (k) => ({ terms: all(k, 'full', 1), method: { name: 'model_stock', lambda: 1 } }) },
  { id: 'ram', title: 'RAM (element-wise shared / unique)', formula: 'θ₀ + λ (Σ unique entries + mean of shared entries)', grid: single(L_TIES), subspace: 'method', recipe: (k) => ({ terms: all(k, 'full', 1), method: { name: 'ram', lambda: 1 } }) },
  { id: 'knots', title: 'KnOTS-TIES (density 0.2)', formula: 'θ₀ + λ U S TIES(V₁..V_k)ᵀ', grid: single(L_TIES), subspace: 'method', recipe: (k) => ({ terms: all(k, 'full', 1), method: { name: 'knots', lambda: 1, merge: 'ties', density: 0.2 } }) },
  { id: 'core_space', title: 'Core Space TIES (density 0.2)', formula: 'θ₀ + λ U TIES(Uᵀ τᵢ V) Vᵀ', grid: single(L_TIES), subspace: 'method', recipe: (k) => ({ terms: all(k, 'full', 1), method: { name: 'core_space', lambda: 1, merge: 'ties', density: 0.2 } }) },
];

/** tau_S = mean_i shared_i, so alpha * tau_S is the term alpha / k on each task's shared part. */
export const formTaShared = (subspace: Subspace, id = 'ta_shared', title = 'TA + shared'): MethodSpec => ({
  id, title, formula: 'θ₀ + λ (Σ τᵢ + α τ_S)', grid: pair([2, 8]), subspace,
  recipe: (k, p) => ({ terms: [...all(k, 'full', 1), ...all(k, 'shared', p.second! / k)], method: { name: 'task_arithmetic', lambda: 1 } }),
});

export const formUniqueShared = (subspace: Subspace, id = 'unique_shared', title = 'Unique + shared once'): MethodSpec => ({
  id, title, formula: 'θ₀ + λ (Σ uniqueᵢ + γ τ_S)', grid: pair([1, 4]), subspace,
  recipe: (k, p) => ({ terms: [...all(k, 'unique', 1), ...all(k, 'shared', p.second! / k)], method: { name: 'task_arithmetic', lambda: 1 } }),
});

export const CONTROLS: { subspace: Exclude<Subspace, 'method'>; title: string }[] = [
  { subspace: 'top-singular', title: 'top-singular subspace' },
  { subspace: 'random', title: 'random subspace' },
  { subspace: 'energy', title: 'energy-matched subspace' },
];

export const RANDOM_DRAWS = 10;
