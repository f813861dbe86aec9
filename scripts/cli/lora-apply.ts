// apply over LoRA tasks: the recipe's edit as one adapter in the input's format (exact, or
// truncated with --rank N and the dropped energy reported), or as the base's full weights.
import { writeFileSync } from 'node:fs';
import type { Adapter } from '../../lib/lora/adapter-module';
import { loraRecipeOnBase } from '../../lib/lora/lora-full-weights';
import { loraRecipeEdit } from '../../lib/lora/lora-recipe';
import { editedSafetensors } from '../../lib/recipe/export';
import type { Recipe } from '../../lib/recipe/schema';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { UsageError } from './load';
import { writeAdapter } from './lora-decompose';

export type OutputFormat = 'full' | 'peft' | 'kohya';

export function parseFormat(v: string | undefined): OutputFormat | undefined {
  if (v === undefined) return undefined;
  if (v === 'full' || v === 'peft' || v === 'kohya') return v;
  throw new UsageError(`--format must be full, peft or kohya, got "${v}"`);
}

export async function applyToAdapters(
  recipe: Recipe,
  adapters: Adapter[],
  opts: { format: OutputFormat; rank?: number; out: string; dtype: 'F32' | 'F16'; loadBase: () => Promise<WeightSet> },
) {
  if (opts.format === 'full') {
    if (opts.rank !== undefined) throw new UsageError('--rank truncates a LoRA output; it does not apply to --format full');
    const edited = await loraRecipeOnBase(recipe, await opts.loadBase(), adapters);
    writeFileSync(opts.out, editedSafetensors(edited, recipe, opts.dtype));
    return console.log(`wrote ${opts.out} (${Object.keys(edited.tensors).length} tensors, ${opts.dtype}, full weights)`);
  }
  const from = adapters[0].format;
  if (opts.format !== from) throw new UsageError(`the tasks are ${from} adapters: write them as ${from} or as --format full (module names do not convert between LoRA formats without the base)`);
  const edit = await loraRecipeEdit(recipe, adapters, { rank: opts.rank });
  const path = writeAdapter(adapters[0], edit.modules, opts.out, opts.format);
  const ranks = [...new Set(edit.modules.map((m) => m.factors.B.cols))].join(', ');
  console.log(`wrote ${path} (${edit.modules.length} modules, ${opts.format}, rank ${ranks})`);
  if (opts.rank !== undefined) {
    const worst = edit.worstModule ? `; worst module ${edit.worstModule.name}: ${(100 * edit.worstModule.dropped).toFixed(2)}%` : '';
    console.log(`rank ${opts.rank} drops ${(100 * edit.droppedEnergy).toFixed(2)}% of the edit's energy (||delta||^2 over all modules)${worst}`);
  } else console.log('exact: the adapter equals the recipe result');
}
