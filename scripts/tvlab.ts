// tvlab: the engine from the command line. Same lib code as the browser, on tfjs wasm (or cpu).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { activateBackend } from '../lib/backend/tf-runtime';
import { CancelledError, decomposeWeights } from '../lib/decompose/decompose-weights';
import { tfEngine, tfEngineBudget } from '../lib/linalg/tf-engine';
import { applyRecipe } from '../lib/recipe/apply';
import { editedSafetensors, readRecipeText, recipeToJson } from '../lib/recipe/export';
import { toMergekit } from '../lib/recipe/mergekit/to-mergekit';
import { loadWeights, mergekitModelRef, resolveSourceRef, UsageError } from './cli/load';
import { applyToAdapters, parseFormat } from './cli/lora-apply';
import { asAdapter, decomposeAdapters } from './cli/lora-decompose';
import { progressBar } from './cli/progress-bar';
import { openSourceArg, readAllTensors } from './cli/sources';
import { streamDecompose } from './cli/stream-decompose';
import { decomposeOptionsSchema, defaultDecomposeOptions } from '../lib/decompose/options';
import { tallySides } from '../lib/decompose/side-choice';
import { describeIssue } from '../lib/url-state/describe-issue';
import { cliOptions, flagName, flagUsage, fromFlags } from '../lib/url-state/property-table';

const USAGE = `usage:
  tvlab inspect SOURCE
  tvlab decompose --base SOURCE --task SOURCE --task SOURCE [...]
        ${flagUsage(decomposeOptionsSchema, defaultDecomposeOptions)} --out DIR
  tvlab apply --recipe R.json|R.yaml|merge.yml --out OUT [--dtype F32|F16] [--format full|peft|kohya] [--rank N]
  tvlab convert --recipe R.json|R.yaml|merge.yml --to recipe|mergekit [--out FILE]
SOURCE: a .safetensors file, a folder (model.safetensors, a sharded index, a diffusers unet or a
  PEFT adapter), an http(s) URL of a file or folder, or hf:owner/name[@revision].
  LoRA adapters (PEFT or kohya) as tasks are decomposed in factor form and written as adapters.
  A recipe names its models as sources too (paths relative to the recipe, or shipped ids).
  A mergekit config (merge_method linear, task_arithmetic, ties, dare_linear, dare_ties, breadcrumbs,
  breadcrumbs_ties, della, della_linear) is read as a recipe; what it cannot express is listed at once.
  convert writes a recipe as JSON or as a mergekit config (whole task vectors only).
apply over LoRA tasks writes one adapter (default: the tasks' format; OUT is a PEFT folder or a
  kohya file) whose rank is the sum of the terms' ranks, exactly; --rank N keeps the best rank-N
  part and reports the energy it drops; --format full writes the base's edited weights.
options: --hub-url URL (default https://huggingface.co), --backend wasm|cpu (default wasm),
  --debug (stack traces)`;

const num = (v: string | undefined, name: string) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got "${v}"`);
  return n;
};

async function inspect(source: string, hubUrl?: string) {
  const c = await openSourceArg(source, hubUrl);
  let total = 0;
  for (const { name, info } of c.tensors) {
    const n = info.shape.reduce((a, b) => a * b, 1);
    total += n;
    console.log(`${name.padEnd(40)} ${info.dtype.padEnd(5)} [${info.shape.join(', ')}]  ${n}`);
  }
  console.log(`${c.tensors.length} tensors, ${total} parameters, ${(c.totalBytes / 2 ** 20).toFixed(1)} MiB (${c.layout.kind})`);
  for (const [k, v] of Object.entries(c.metadata)) console.log(`metadata ${k}: ${v.length > 120 ? v.slice(0, 117) + '...' : v}`);
}

/** A plain .safetensors path reads as before; any other source goes through lib/sources. */
async function loadArg(arg: string, hubUrl?: string) {
  if (arg.endsWith('.safetensors') && !/^(hf:|https?:)/.test(arg)) return { listing: null, weights: loadWeights(arg) };
  const listing = await openSourceArg(arg, hubUrl);
  return { listing, weights: await readAllTensors(listing) };
}

async function decompose(values: Record<string, string | string[] | boolean | undefined>) {
  const base = values.base as string | undefined;
  const tasks = (values.task as string[] | undefined) ?? [];
  const out = values.out as string | undefined;
  if (!base || !tasks.length || !out) throw new UsageError('decompose needs --base, at least one --task and --out');
  // The flags come from the decomposition's property table (lib/url-state/property-table).
  const flags = decomposeOptionsSchema.safeParse(fromFlags(decomposeOptionsSchema, values));
  if (!flags.success) throw new UsageError(`--${flagName(String(flags.error.issues[0].path[0]))}: ${describeIssue(flags.error.issues[0], values)}`);
  const options = flags.data;
  const hubUrl = values['hub-url'] as string | undefined;
  // Headers only: an adapter is read whole (its factors are small); full checkpoints stream.
  const listings = await Promise.all(tasks.map((t) => openSourceArg(t, hubUrl)));
  const isAdapter = listings.map((l) => l.layout.kind === 'peft' || l.tensors.some((t) => t.name.endsWith('.lora_down.weight')));
  if (isAdapter.some(Boolean)) {
    if (!isAdapter.every(Boolean)) throw new UsageError('either every --task is a LoRA adapter or none is');
    const adapters = await Promise.all(listings.map(async (l) => asAdapter(l, await readAllTensors(l))!));
    return decomposeAdapters(tasks, adapters, decomposeOptionsSchema.parse(options), out);
  }
  const started = Date.now();
  mkdirSync(out, { recursive: true });
  const bar = progressBar(process.stdout, 'decompose');
  const signal = { aborted: false };
  const onInterrupt = () => {
    if (signal.aborted) process.exit(130);
    signal.aborted = true; // stops after the tensor in hand; a second Ctrl-C quits at once
  };
  process.on('SIGINT', onInterrupt);
  const parsed = decomposeOptionsSchema.parse(options);
  const diagnostics = await streamDecompose(
    await openSourceArg(base, hubUrl),
    listings,
    { base, tasks },
    parsed,
    tfEngine,
    out,
    { signal, engineBudget: tfEngineBudget(), onProgress: bar.update },
  )
    .catch((e) => {
      if (!(e instanceof CancelledError)) throw e;
      bar.done();
      console.error('tvlab: cancelled; the incomplete component files were removed');
      process.exit(130);
    })
    .finally(() => {
      bar.done();
      process.off('SIGINT', onInterrupt);
    });
  const report = { base, tasks, options: parsed, seconds: (Date.now() - started) / 1000, tensors: diagnostics.map((d) => ({ ...d })) };
  writeFileSync(join(out, 'report.json'), JSON.stringify(report, null, 2));
  const matrices = diagnostics.filter((d) => d.kind === 'matrix');
  console.log(`${diagnostics.length} tensors (${matrices.length} matrices) in ${report.seconds.toFixed(1)} s; shared dims: ${matrices.map((d) => d.sharedDim).join(' ')}`);
  if (parsed.side === 'auto') console.log(`side auto: ${tallySides(matrices.map((d) => d.sideChoice))} matrices (report.json says why, per matrix)`);
  console.log(`wrote ${join(out, 'report.json')} and ${tasks.length * 2} component files`);
}

/** A recipe or mergekit file, its notes printed (to stderr, so `convert` output stays clean). */
function readRecipeArg(recipePath: string) {
  let text: string;
  try {
    text = readFileSync(recipePath, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${recipePath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const read = readRecipeText(text, recipePath);
  for (const note of read.notes) console.error(`note: ${note}`);
  if (read.format === 'recipe') return read;
  // mergekit names hub repos bare ("owner/name"); a recipe names them hf:owner/name.
  const dir = dirname(resolve(recipePath));
  const models = read.recipe.models;
  return { ...read, recipe: { ...read.recipe, models: { ...models, base: mergekitModelRef(models.base, dir), tasks: models.tasks.map((t) => mergekitModelRef(t, dir)) } } };
}

function convert(values: Record<string, string | string[] | boolean | undefined>) {
  const recipePath = values.recipe as string | undefined;
  const to = values.to as string | undefined;
  if (!recipePath || (to !== 'recipe' && to !== 'mergekit')) throw new UsageError('convert needs --recipe and --to recipe|mergekit');
  const { recipe } = readRecipeArg(recipePath);
  let text = recipeToJson(recipe);
  if (to === 'mergekit') {
    const exported = toMergekit(recipe);
    for (const note of exported.notes) console.error(`note: ${note}`);
    text = exported.yaml;
  }
  const out = values.out as string | undefined;
  if (!out) return void process.stdout.write(text);
  writeFileSync(out, text);
  console.error(`wrote ${out}`);
}

async function apply(values: Record<string, string | string[] | boolean | undefined>) {
  const recipePath = values.recipe as string | undefined;
  const out = values.out as string | undefined;
  if (!recipePath || !out) throw new UsageError('apply needs --recipe and --out');
  const { recipe } = readRecipeArg(recipePath);
  const dir = dirname(resolve(recipePath));
  const hubUrl = values['hub-url'] as string | undefined;
  const dtype = ((values.dtype as string) ?? 'F32').toUpperCase();
  if (dtype !== 'F32' && dtype !== 'F16') throw new UsageError('--dtype must be F32 or F16');
  const format = parseFormat(values.format as string | undefined);
  const rank = num(values.rank as string | undefined, 'rank');
  if (rank !== undefined && (!Number.isInteger(rank) || rank < 1)) throw new UsageError('--rank must be a positive whole number');
  const loadBase = async () => (await loadArg(resolveSourceRef(recipe.models.base, dir), hubUrl)).weights;
  const loaded = await Promise.all(recipe.models.tasks.map((t) => loadArg(resolveSourceRef(t, dir), hubUrl)));
  const adapters = loaded.map((l) => asAdapter(l.listing, l.weights));
  if (adapters.some(Boolean)) {
    if (!adapters.every(Boolean)) throw new UsageError('either every task is a LoRA adapter or none is');
    return applyToAdapters(recipe, adapters.map((a) => a!), { format: format ?? adapters[0]!.format, rank, out, dtype, loadBase });
  }
  if (format && format !== 'full') throw new UsageError(`--format ${format} writes a LoRA, but the tasks are full checkpoints: use --format full`);
  if (rank !== undefined) throw new UsageError('--rank truncates a LoRA output; the tasks are full checkpoints');
  const base = await loadBase();
  const dec = await decomposeWeights(base, loaded.map((l) => l.weights), recipe.decomposition, tfEngine);
  const edited = applyRecipe(recipe, base, dec);
  writeFileSync(out, editedSafetensors(edited, recipe, dtype));
  console.log(`wrote ${out} (${Object.keys(edited.tensors).length} tensors, ${dtype})`);
}

async function main(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      base: { type: 'string' },
      task: { type: 'string', multiple: true },
      out: { type: 'string' },
      ...cliOptions(decomposeOptionsSchema),
      recipe: { type: 'string' },
      to: { type: 'string' },
      dtype: { type: 'string' },
      format: { type: 'string' },
      rank: { type: 'string' },
      backend: { type: 'string', default: 'wasm' },
      'hub-url': { type: 'string' },
      debug: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  if (values.backend !== 'wasm' && values.backend !== 'cpu') throw new UsageError('--backend must be wasm or cpu');
  await activateBackend(values.backend);
  if (command === 'inspect') {
    if (rest.length !== 1) throw new UsageError('inspect takes one source');
    return inspect(rest[0], values['hub-url']);
  }
  if (command === 'decompose') return decompose(values);
  if (command === 'apply') return apply(values);
  if (command === 'convert') return convert(values);
  throw new UsageError(`unknown command "${command}"`);
}

const argv = process.argv.slice(2);
main(argv).catch((e: Error) => {
  const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  console.error(`tvlab: error: ${e.message.split('\n').join('\n  ')}`);
  if (usage) console.error(USAGE);
  if (argv.includes('--debug')) console.error(e.stack);
  process.exit(usage ? 2 : 1);
});
