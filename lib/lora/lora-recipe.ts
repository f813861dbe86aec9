import { layerPositions } from '../recipe/layer-schedule';
import { weightSum } from '../recipe/methods/task-arithmetic';
import type { Recipe } from '../recipe/schema';
import { termsAt } from '../recipe/terms-at';
import { type Adapter, AdapterError, type AdapterModule } from './adapter-module';
import { decomposeLora } from './decompose-lora';
import { coreSpaceFactors, knotsFactors } from './basis-merge';
import { concatFactors, type LoraFactors } from './lora-factors';
import { truncateLora } from './truncate-lora';

/**
 * A recipe over LoRA tasks as one LoRA: the linear methods give
 * delta = s * lambda * sum_t c_t * B_t A_t with s = +1 (task arithmetic) or -1 (negation), which is
 * exactly the concatenation [s lambda c_1 B_1 | ...] [A_1; ...], of rank the sum of the terms'.
 * KnOTS and Core Space merge in the terms' common low-rank basis, so they are exact LoRAs of rank
 * <= the sum too (lib/lora/basis-merge.ts). TIES and the other per-entry methods trim and elect
 * signs entry by entry of the dense update, so they have no low-rank form: they need --format full.
 */
function mergeTerms(method: Recipe['method'], terms: { coefficient: number; factors: LoraFactors }[]): LoraFactors {
  if (method.name === 'task_arithmetic' || method.name === 'negation') {
    const s = method.name === 'negation' ? -method.lambda : method.lambda;
    return concatFactors(terms.map((t) => ({ coefficient: s * t.coefficient, factors: t.factors })));
  }
  const scaled = terms.map((t) => concatFactors([t]));
  if (method.name === 'knots') return knotsFactors(scaled, method);
  if (method.name === 'core_space') return coreSpaceFactors(scaled, method);
  throw notALora(method.name);
}

const notALora = (name: string) =>
  new AdapterError(`${name} trims or elects signs entry by entry, so its result is not a LoRA: export it as full weights (--format full); task_arithmetic, negation, knots and core_space export as adapters`);

/** Methods whose edit of LoRA tasks is itself a LoRA (written exactly, rank <= the sum of the terms'). */
export const LORA_METHODS: readonly Recipe['method']['name'][] = ['task_arithmetic', 'negation', 'knots', 'core_space'];

export interface LoraEdit {
  modules: AdapterModule[];
  /** Share of ||delta||^2 dropped by a rank truncation, pooled over modules (0 when exact). */
  droppedEnergy: number;
  /** Worst single module's dropped share. */
  worstModule: { name: string; dropped: number } | null;
}

/** Modules every adapter adapts, in the first adapter's order; one message lists what differs. */
export function alignModules(adapters: Adapter[], labels: string[]): string[] {
  const names = adapters[0].modules.map((m) => m.name);
  const problems = adapters.flatMap((a, i) => {
    const have = new Set(a.modules.map((m) => m.name));
    return [
      ...names.filter((n) => !have.has(n)).map((n) => `task ${i + 1} (${labels[i]}): no module ${n}`),
      ...[...have].filter((n) => !names.includes(n)).map((n) => `task ${i + 1} (${labels[i]}): module ${n} is not in task 1`),
    ];
  });
  if (problems.length) throw new AdapterError(`the adapters do not adapt the same modules:\n${problems.slice(0, 20).join('\n')}`);
  return names;
}

/** The recipe's edit as one adapter (module by module), optionally truncated to `rank`. */
export async function loraRecipeEdit(recipe: Recipe, adapters: Adapter[], options: { rank?: number; labels?: string[] } = {}): Promise<LoraEdit> {
  if (!LORA_METHODS.includes(recipe.method.name)) throw notALora(recipe.method.name);
  if (!recipe.terms.length) throw new AdapterError('the recipe has no terms: there is no edit to write as an adapter');
  const names = alignModules(adapters, options.labels ?? recipe.models.tasks);
  const needsSplit = recipe.terms.some((t) => t.part !== 'full');
  const modules: AdapterModule[] = [];
  let dropped = 0, total = 0;
  let worst: LoraEdit['worstModule'] = null;
  const positions = layerPositions(names);
  for (const name of names) {
    const mods = adapters.map((a) => a.modules.find((m) => m.name === name)!);
    const split = needsSplit ? await decomposeLora(mods.map((m) => m.factors), recipe.decomposition) : null;
    const part = (task: number, p: 'full' | 'shared' | 'unique'): LoraFactors => (p === 'full' ? mods[task].factors : split![p][task]);
    // Per-layer coefficients stay exact: each module gets its own scale on its own columns of B.
    const at = termsAt(recipe.terms, name, positions.get(name));
    const norm = recipe.method.name === 'task_arithmetic' && recipe.method.normalize ? weightSum(at.map((t) => t.weight)) : 1;
    const terms = at.map((t) => ({ coefficient: t.weight / norm, factors: part(t.term.task, t.term.part) }));
    if (!terms.length) continue; // the terms' layer filters leave this module untouched
    let factors = mergeTerms(recipe.method, terms);
    if (options.rank !== undefined && factors.B.cols > options.rank) {
      const t = await truncateLora(factors, options.rank);
      factors = t.factors;
      dropped += t.droppedEnergy * t.totalEnergy;
      total += t.totalEnergy;
      if (!worst || t.droppedEnergy > worst.dropped) worst = { name, dropped: t.droppedEnergy };
    }
    // The alpha written back keeps scale alpha / r = 1 per unit of B: the scale lives in B.
    modules.push({ name, factors, alpha: factors.B.cols || 1, weightShape: mods[0].weightShape });
  }
  return { modules, droppedEnergy: total > 0 ? dropped / total : 0, worstModule: worst };
}
