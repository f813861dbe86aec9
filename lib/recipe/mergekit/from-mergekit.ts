import { parse as parseYaml } from 'yaml';
import { type LayerSetting, layerSettingSchema } from '../layer-schedule';
import { parseRecipe, RECIPE_VERSION, type Recipe, type RecipeInput, type Term } from '../schema';
import { MERGEKIT_METHODS, MERGEKIT_OTHER, MERGEKIT_UNMAPPED, type MergekitMethod } from './method-map';

/** A mergekit config that cannot become a recipe: one message, one line per unsupported key. */
export class MergekitError extends Error {
  constructor(readonly problems: string[]) {
    super(`this mergekit config cannot be expressed as a recipe:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'MergekitError';
  }
}

export interface MergekitImport {
  recipe: Recipe;
  /** Keys accepted but without effect here, and deliberate differences from mergekit's arithmetic. */
  notes: string[];
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** True when parsed YAML/JSON looks like a mergekit config rather than a recipe. */
export const isMergekitConfig = (raw: unknown): raw is Obj => isObj(raw) && 'merge_method' in raw;

const TOP_KEYS = ['merge_method', 'base_model', 'models', 'parameters', 'dtype', 'out_dtype', 'tokenizer_source'];
const TOP_UNSUPPORTED: Record<string, string> = {
  slices: 'layer slices (frankenmerges, layer ranges) are not supported; use `models:` and per-layer weight lists',
  modules: 'per-module merges are not supported',
  tokenizer: 'tokenizer surgery is not supported (weights only)',
  chat_template: 'chat templates are not written (weights only)',
};
const GLOBAL_KEYS = ['normalize', 'int8_mask', 'lambda', 'rescale'];
const TENSOR_KEYS = ['weight', 'density', 'gamma', 'epsilon'];

/**
 * A mergekit YAML (merge_method, base_model, models[].parameters, parameters) as a recipe over full
 * task vectors tau_i = theta_i - base. Per-model weights become term coefficients (gradient lists and
 * [{filter, value}] become term schedules), densities become the method's density or per-term
 * densities; everything the recipe cannot say is collected and refused together.
 */
export function fromMergekit(input: string | unknown): MergekitImport {
  const raw = typeof input === 'string' ? parseYaml(input, { maxAliasCount: 10 }) : input;
  if (!isMergekitConfig(raw)) throw new MergekitError(['merge_method: missing (this is not a mergekit config)']);
  const problems: string[] = [];
  const notes: string[] = [];

  for (const key of Object.keys(raw)) {
    if (TOP_UNSUPPORTED[key]) problems.push(`${key}: ${TOP_UNSUPPORTED[key]}`);
    else if (!TOP_KEYS.includes(key)) problems.push(`${key}: not a mergekit key this importer knows`);
  }
  for (const key of ['dtype', 'out_dtype'] as const)
    if (raw[key] !== undefined) notes.push(`${key}: ${String(raw[key])} ignored; the merge is computed in float32 and written with --dtype F32|F16`);
  if (raw.tokenizer_source !== undefined && raw.tokenizer_source !== 'base')
    problems.push(`tokenizer_source: ${JSON.stringify(raw.tokenizer_source)} is not supported (only the base model's tokenizer, "base")`);

  const name = String(raw.merge_method);
  const gta = MERGEKIT_METHODS.find((m) => m.name === name);
  const other = MERGEKIT_OTHER[name];
  if (!gta && !other) {
    problems.push(
      MERGEKIT_UNMAPPED.includes(name)
        ? `merge_method: ${name} has no counterpart here (supported: ${[...MERGEKIT_METHODS.map((m) => m.name), ...Object.keys(MERGEKIT_OTHER)].join(', ')})`
        : `merge_method: unknown method "${name}"`,
    );
  }

  const globals = isObj(raw.parameters) ? raw.parameters : {};
  if (raw.parameters !== undefined && !isObj(raw.parameters)) problems.push('parameters: must be a mapping');
  for (const key of Object.keys(globals)) {
    if (!GLOBAL_KEYS.includes(key) && !TENSOR_KEYS.includes(key) && !other?.includes(key)) problems.push(`parameters.${key}: not supported`);
  }
  const flag = (key: string, fallback: boolean): boolean => {
    const v = globals[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') {
      problems.push(`parameters.${key}: must be true or false (per-layer values are not supported for it)`);
      return fallback;
    }
    return v;
  };
  if (globals.int8_mask !== undefined) {
    flag('int8_mask', false);
    notes.push('parameters.int8_mask: no effect here; it only stores mergekit\'s sign masks in int8 to save memory, masks here are exact either way');
  }
  const lambda = globals.lambda === undefined ? 1 : typeof globals.lambda === 'number' ? globals.lambda : NaN;
  if (Number.isNaN(lambda)) problems.push('parameters.lambda: must be a number (per-layer values are not supported for it)');
  else if (Math.abs(lambda) > 10) problems.push(`parameters.lambda: ${lambda} is outside [-10, 10]`);

  // Models: a list of {model, parameters}; the base model's own entry adds nothing but its weight.
  const base = typeof raw.base_model === 'string' ? raw.base_model : undefined;
  if (raw.base_model !== undefined && base === undefined) problems.push('base_model: must be a model name or path (a string)');
  const entries = Array.isArray(raw.models) ? raw.models : [];
  if (!Array.isArray(raw.models) && raw.slices === undefined && raw.modules === undefined) problems.push('models: missing (a list of {model, parameters})');
  const models = entries.map((entry, i) => readModel(entry, i, globals, problems));
  for (const m of models) if (m.ref.includes('+')) problems.push(`models[${m.index}].model: "${m.ref}" applies a LoRA to a model; pass the LoRA adapters as tasks instead`);

  const baseRef = base ?? (name === 'linear' ? models[0]?.ref : undefined);
  if (!baseRef) problems.push(`base_model: required for ${name} (task vectors are differences from it)`);
  const tasks = models.filter((m) => m.ref !== baseRef);
  const baseEntries = models.filter((m) => m.ref === baseRef);
  if (!tasks.length) problems.push('models: no model besides the base model');

  let method: RecipeInput['method'] | undefined;
  let terms: Term[] = [];
  if (name === 'linear') {
    ({ method, terms } = linearRecipe(tasks, baseEntries, flag('normalize', true), lambda, problems, notes, !base));
  } else if (name === 'model_stock' || name === 'ram' || name === 'ramplus_tl') {
    ({ method, terms } = unweightedRecipe(name, tasks, globals, problems, notes));
    if (lambda !== 1) notes.push(`parameters.lambda: ${name} takes none in mergekit; applied here as the recipe's lambda`);
    if (method) method.lambda = lambda;
  } else if (gta) {
    ({ method, terms } = gtaRecipe(gta, tasks, { normalize: flag('normalize', gta.defaultNormalize), rescale: flag('rescale', gta.defaultRescale), lambda }, problems, notes));
    if (baseEntries.length) notes.push(`models: ${baseRef} is the base model; mergekit skips it in ${name}, and so does this recipe`);
  }
  if (problems.length) throw new MergekitError(problems);
  const recipe = parseRecipe({ version: RECIPE_VERSION, models: { base: baseRef, tasks: tasks.map((m) => m.ref) }, terms, method });
  return { recipe, notes };
}

interface ModelEntry {
  index: number;
  ref: string;
  weight?: LayerSetting;
  density?: LayerSetting;
  gamma?: LayerSetting;
  epsilon?: LayerSetting;
}

function readModel(entry: unknown, index: number, globals: Obj, problems: string[]): ModelEntry {
  const at = `models[${index}]`;
  if (!isObj(entry) || typeof entry.model !== 'string') {
    problems.push(`${at}.model: must be a model name or path (a string)`);
    return { index, ref: `?${index}` };
  }
  for (const key of Object.keys(entry)) if (key !== 'model' && key !== 'parameters') problems.push(`${at}.${key}: not supported`);
  const params = isObj(entry.parameters) ? entry.parameters : {};
  for (const key of Object.keys(params)) if (!TENSOR_KEYS.includes(key)) problems.push(`${at}.parameters.${key}: not supported`);
  const out: ModelEntry = { index, ref: entry.model };
  for (const key of TENSOR_KEYS as (keyof ModelEntry & string)[]) {
    // mergekit reads a model's parameter, falling back to the global one of the same name.
    const value = params[key] ?? globals[key];
    if (value === undefined) continue;
    const parsed = layerSettingSchema.safeParse(value);
    if (parsed.success) (out as unknown as Record<string, LayerSetting>)[key] = parsed.data;
    else problems.push(`${at}.parameters.${key}: must be a number, a list of numbers, or a list of {filter, value}`);
  }
  return out;
}

const isScalar = (s: LayerSetting | undefined): s is number => typeof s === 'number';

/** A weight setting as a term: a scalar is the coefficient, anything per layer is a schedule on coefficient 1. */
function weightTerm(task: number, weight: LayerSetting, scale: number): Term {
  return isScalar(weight) ? { task, part: 'full', coefficient: weight * scale } : { task, part: 'full', coefficient: scale, schedule: weight };
}

function requireWeights(tasks: ModelEntry[], problems: string[]): void {
  for (const m of tasks) if (m.weight === undefined) problems.push(`models[${m.index}].parameters.weight: required`);
}

/**
 * linear: theta = sum_i w_i theta_i / sum_i w_i = base + sum_i (w_i / W) tau_i when normalized (the
 * base's own weight, if listed, counts in W). Without normalize the weights must sum to 1, else the
 * base itself would be scaled, which no task-vector recipe can say.
 */
function linearRecipe(tasks: ModelEntry[], baseEntries: ModelEntry[], normalize: boolean, lambda: number, problems: string[], notes: string[], baseChosen: boolean) {
  requireWeights([...tasks, ...baseEntries], problems);
  if (baseChosen && tasks.length) notes.push(`base_model: not given; ${baseEntries[0]?.ref} (the first model) is used as the base, which leaves a weighted average unchanged`);
  const all = [...tasks, ...baseEntries];
  const scalar = all.every((m) => isScalar(m.weight));
  const total = all.reduce((s, m) => s + (isScalar(m.weight) ? m.weight : 0), 0);
  const method = { name: 'task_arithmetic' as const, lambda };
  if (!normalize) {
    if (!scalar || Math.abs(total - 1) > 1e-6) problems.push(`parameters.normalize: false with weights that do not sum to 1 (${scalar ? total : 'per layer'}) scales the base model itself, which a task-vector recipe cannot express`);
    return { method, terms: tasks.map((m, t) => weightTerm(t, m.weight ?? 0, 1)) };
  }
  if (!baseEntries.length) return { method: { ...method, normalize: true }, terms: tasks.map((m, t) => weightTerm(t, m.weight ?? 0, 1)) };
  if (!scalar) {
    problems.push('models: per-layer weights together with a weighted base model under linear normalize are not supported (list only the other models, or give scalar weights)');
    return { method, terms: [] };
  }
  return { method, terms: tasks.map((m, t) => weightTerm(t, m.weight ?? 0, 1 / (Math.abs(total) < 1e-8 ? 1 : total))) };
}

/** One value for all models, when the models agree on a scalar; undefined otherwise. */
function common(tasks: ModelEntry[], key: 'density' | 'gamma' | 'epsilon'): number | undefined {
  const v = tasks[0]?.[key];
  return isScalar(v) && tasks.every((m) => m[key] === v) ? v : undefined;
}

function gtaRecipe(
  gta: MergekitMethod,
  tasks: ModelEntry[],
  g: { normalize: boolean; rescale: boolean; lambda: number },
  problems: string[],
  notes: string[],
) {
  requireWeights(tasks, problems);
  // mergekit's density defaults to 1 (nothing dropped) for every method; this project's defaults differ.
  const density = tasks.every((m) => m.density === undefined) ? 1 : common(tasks, 'density');
  let terms: Term[] = tasks.map((m, t) => weightTerm(t, m.weight ?? 0, 1));
  if (density === undefined) terms = terms.map((term, t) => ({ ...term, density: tasks[t].density ?? 1 }));
  const d = density ?? 1;
  const one = (key: 'gamma' | 'epsilon', fallback: number): number => {
    if (tasks.every((m) => m[key] === undefined)) return fallback;
    const v = common(tasks, key);
    if (v === undefined) problems.push(`models[].parameters.${key}: must be one number shared by all models here (per-model or per-layer ${key} is not supported)`);
    return v ?? fallback;
  };
  for (const key of ['gamma', 'epsilon'] as const) {
    const used = (key === 'gamma' && gta.sparsify === 'outliers') || (key === 'epsilon' && gta.sparsify === 'della');
    if (!used && tasks.some((m) => m[key] !== undefined)) notes.push(`${key}: not used by ${gta.name} (ignored, as mergekit does)`);
  }
  if (gta.sparsify === 'none' && tasks.some((m) => m.density !== undefined)) notes.push(`density: not used by ${gta.name} (ignored, as mergekit does)`);
  const rescaleNote = () => notes.push(`rescale: mergekit and this recipe rescale kept entries to the task vector's L1 norm (rescale: true); the papers divide by the keep probability (rescale "inverse" in the recipe)`);
  const consensus = gta.consensus ? ('mass' as const) : ('none' as const);
  switch (gta.method) {
    case 'task_arithmetic':
      if (g.rescale) notes.push('parameters.rescale: no effect without sparsification');
      return { method: { name: 'task_arithmetic' as const, lambda: g.lambda, ...(g.normalize ? { normalize: true } : {}) }, terms };
    case 'ties':
      if (g.rescale) problems.push('parameters.rescale: true is not supported for ties (TIES here keeps magnitudes as they are)');
      notes.push('ties: entries are trimmed to round(density n) plus ties at the threshold (mergekit: floor(density n)); a zero sign vote elects nothing (mergekit: +)');
      return { method: { name: 'ties' as const, lambda: g.lambda, density: d, election: 'mass' as const, normalize: g.normalize ? ('weights' as const) : ('none' as const) }, terms };
    case 'dare':
      if (g.rescale) rescaleNote();
      notes.push('dare: random masks come from this project\'s seeded generator, not torch.bernoulli; the same seed gives the same merge here, not mergekit\'s bits');
      return {
        method: { name: 'dare' as const, lambda: g.lambda, drop: Math.min(0.999, 1 - d), ...(gta.consensus ? { consensus } : {}), rescale: g.rescale ? ('l1' as const) : ('none' as const), ...(g.normalize ? { normalize: true } : {}) },
        terms,
      };
    case 'breadcrumbs':
      if (g.rescale) problems.push('parameters.rescale: true is not supported for breadcrumbs');
      return { method: { name: 'breadcrumbs' as const, lambda: g.lambda, density: d, gamma: one('gamma', 0.01), consensus, normalize: g.normalize }, terms };
    case 'della':
      if (g.rescale) rescaleNote();
      return { method: { name: 'della' as const, lambda: g.lambda, density: d, epsilon: one('epsilon', 0.15), consensus, rescale: g.rescale ? ('l1' as const) : ('none' as const), normalize: g.normalize }, terms };
  }
}

/** model_stock and RAM: no per-model weights in mergekit; their own global parameters. */
function unweightedRecipe(name: 'model_stock' | 'ram' | 'ramplus_tl', tasks: ModelEntry[], globals: Obj, problems: string[], notes: string[]) {
  if (tasks.some((m) => m.weight !== undefined || m.density !== undefined)) notes.push(`weight, density: ${name} takes none (ignored, as mergekit does)`);
  const terms: Term[] = tasks.map((_, t) => ({ task: t, part: 'full', coefficient: 1 }));
  const num = (key: string, fallback: number) => {
    const v = globals[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'number') problems.push(`parameters.${key}: must be a number`);
    return typeof v === 'number' ? v : fallback;
  };
  if (name === 'model_stock') {
    if (tasks.length < 2) problems.push('models: model_stock needs at least two models besides the base');
    const fw = globals.filter_wise;
    if (fw !== undefined && typeof fw !== 'boolean') problems.push('parameters.filter_wise: must be true or false');
    notes.push('model_stock: the mean cosine is clamped to [0, 1] here (mergekit leaves it free)');
    return { method: { name: 'model_stock' as const, lambda: 1, filterWise: fw === true }, terms };
  }
  const ram = { name: 'ram' as const, lambda: 1, epsilon: num('epsilon', 1e-5), r: name === 'ramplus_tl' ? num('r', 0.1) : 0, alpha: num('alpha', 0.2) };
  return { method: ram, terms };
}
