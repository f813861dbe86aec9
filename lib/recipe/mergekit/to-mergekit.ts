import { stringify as stringifyYaml } from 'yaml';
import type { LayerSetting } from '../layer-schedule';
import type { Recipe, Term } from '../schema';

export class MergekitExportError extends Error {
  constructor(readonly problems: string[]) {
    super(`this recipe has no mergekit equivalent:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'MergekitExportError';
  }
}

export interface MergekitExport {
  yaml: string;
  config: Record<string, unknown>;
  /** Where mergekit's arithmetic differs from this project's for the same config. */
  notes: string[];
}

/** mergekit names hub models bare ("owner/name", "owner/name@revision"); recipes say "hf:owner/name". */
const hubName = (ref: string) => ref.replace(/^hf:/, '');

/** coefficient x schedule as one mergekit weight setting. */
function weightSetting(term: Term): LayerSetting {
  const c = term.coefficient;
  const s = term.schedule;
  if (s === undefined) return c;
  if (typeof s === 'number') return c * s;
  if (s.every((e): e is number => typeof e === 'number')) return s.map((v) => c * v);
  return (s as Exclude<LayerSetting, number | number[]>).map((e) => ({ ...e, value: typeof e.value === 'number' ? c * e.value : e.value.map((v) => c * v) }));
}

/**
 * A recipe as a mergekit config, when it is one mergekit can run: whole task vectors (no shared or
 * unique parts, which are this project's own), one term per task, no layer-index filter, and a
 * method mergekit has. Everything that is not is listed in one error.
 */
export function toMergekit(recipe: Recipe): MergekitExport {
  const problems: string[] = [];
  const notes: string[] = [];
  const m = recipe.method;
  recipe.terms.forEach((t, i) => {
    if (t.part !== 'full') problems.push(`terms[${i}]: the ${t.part} part of task ${t.task} is this project's decomposition; mergekit merges whole task vectors only`);
    if (t.layers) problems.push(`terms[${i}].layers: mergekit has no layer filter outside slices; use a per-layer schedule with zeros instead`);
  });
  const seen = new Set<number>();
  recipe.terms.forEach((t, i) => {
    if (seen.has(t.task)) problems.push(`terms[${i}]: task ${t.task} appears twice; mergekit takes each model once (merge the terms into one)`);
    seen.add(t.task);
  });

  const sign = m.name === 'negation' ? -1 : 1;
  const params: Record<string, unknown> = {};
  let method: string | undefined;
  const densityOf = (t: Term, d: number | undefined) => t.density ?? d;
  let density: number | undefined;
  /** mergekit's name for a method with (mass) or without sign consensus; it has no count election. */
  const byConsensus = (consensus: string | undefined, withVote: string, without: string) => {
    if (consensus === 'count') problems.push(`method.consensus: count; mergekit's ${withVote} elects signs by mass only`);
    return consensus === 'mass' ? withVote : without;
  };
  switch (m.name) {
    case 'task_arithmetic':
    case 'negation':
      method = 'task_arithmetic';
      if (m.name === 'task_arithmetic' && m.normalize) params.normalize = true;
      break;
    case 'ties':
      method = 'ties';
      density = m.density;
      if (m.election === 'count') problems.push('method.election: count; mergekit\'s ties elects signs by mass only');
      if ((m.normalize ?? 'count') === 'count') {
        if (recipe.terms.some((t) => t.coefficient !== 1 || t.schedule !== undefined)) problems.push('method.normalize: count (the paper\'s disjoint mean) with coefficients other than 1; mergekit divides by the weights (normalize: weights)');
        params.normalize = true;
      } else params.normalize = m.normalize === 'weights';
      notes.push('ties: mergekit keeps floor(density n) entries per tensor, this project round(density n) plus ties at the threshold');
      break;
    case 'dare':
      method = byConsensus(m.consensus, 'dare_ties', 'dare_linear');
      density = 1 - m.drop;
      params.rescale = (m.rescale ?? 'inverse') !== 'none';
      if ((m.rescale ?? 'inverse') === 'inverse') notes.push('dare: mergekit rescales kept entries to the L1 norm, not by 1 / (1 - p) as this recipe does');
      if (m.normalize) params.normalize = true;
      notes.push('dare: mergekit draws its own random masks (no seed)');
      break;
    case 'breadcrumbs':
      method = byConsensus(m.consensus, 'breadcrumbs_ties', 'breadcrumbs');
      density = m.density;
      params.normalize = m.normalize;
      break;
    case 'della':
      method = byConsensus(m.consensus, 'della', 'della_linear');
      density = m.density;
      params.normalize = m.normalize;
      params.rescale = m.rescale !== 'none';
      if (m.rescale === 'inverse') notes.push('della: mergekit rescales kept entries to the L1 norm, not by 1 / p as this recipe does');
      break;
    case 'model_stock':
    case 'ram':
      method = m.name === 'model_stock' ? 'model_stock' : m.r > 0 ? 'ramplus_tl' : 'ram';
      if (m.name === 'model_stock' && m.filterWise) params.filter_wise = true;
      if (m.name === 'ram') Object.assign(params, { epsilon: m.epsilon }, m.r > 0 ? { r: m.r, alpha: m.alpha } : {});
      if (m.lambda !== 1) problems.push(`method.lambda: ${method} has no lambda in mergekit`);
      recipe.terms.forEach((t, i) => {
        if (t.coefficient !== 1 || t.schedule !== undefined) problems.push(`terms[${i}]: ${method} takes no per-model weights in mergekit (coefficient 1 only)`);
      });
      break;
    default:
      problems.push(`method: ${m.name} has no mergekit equivalent (mergekit has task_arithmetic, ties, dare_linear, dare_ties, breadcrumbs, della, model_stock, ram)`);
  }
  if (problems.length) throw new MergekitExportError(problems);

  const weighted = method !== 'model_stock' && method !== 'ram' && method !== 'ramplus_tl';
  if (m.lambda !== 1 && weighted) params.lambda = m.lambda;
  const models = recipe.terms.map((t) => {
    const p: Record<string, unknown> = weighted ? { weight: sign === 1 ? weightSetting(t) : weightSetting({ ...t, coefficient: -t.coefficient }) } : {};
    const d = densityOf(t, density);
    if (d !== undefined && method !== 'task_arithmetic') p.density = d;
    if (m.name === 'breadcrumbs') p.gamma = m.gamma;
    if (m.name === 'della') p.epsilon = m.epsilon;
    const model = hubName(recipe.models.tasks[t.task]);
    return Object.keys(p).length ? { model, parameters: p } : { model };
  });
  const config: Record<string, unknown> = { merge_method: method, base_model: hubName(recipe.models.base), models };
  if (Object.keys(params).length) config.parameters = params;
  config.dtype = 'float32';
  return { yaml: stringifyYaml(config), config, notes };
}
