// decompose over LoRA adapters: factor form per module, components written as adapters in the
// input's format (PEFT folder or kohya file), never as dense d x d matrices.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DecomposeOptions } from '../../lib/decompose/options';
import { type SideChoice, tallySides } from '../../lib/decompose/side-choice';
import type { Adapter, AdapterModule } from '../../lib/lora/adapter-module';
import { decomposeLora } from '../../lib/lora/decompose-lora';
import { alignModules } from '../../lib/lora/lora-recipe';
import { isKohyaLora, readKohyaLora, writeKohyaLora } from '../../lib/lora/kohya-lora';
import { parsePeftConfig, readPeftAdapter, writePeftAdapter } from '../../lib/lora/peft-adapter';
import type { CheckpointListing } from '../../lib/sources/open-checkpoint';
import { writeSafetensors } from '../../lib/tensors/safetensors';
import type { WeightSet } from '../../lib/tensors/weight-set';

/** An adapter when the checkpoint is one (a PEFT folder, or a kohya file), else null. */
export function asAdapter(listing: CheckpointListing | null, weights: WeightSet): Adapter | null {
  if (listing?.layout.kind === 'peft') return readPeftAdapter(weights, parsePeftConfig(listing.adapterConfig ?? '{}'));
  if (isKohyaLora(weights)) return readKohyaLora(weights);
  return null;
}

export async function decomposeAdapters(labels: string[], adapters: Adapter[], options: DecomposeOptions, out: string) {
  const names = alignModules(adapters, labels);
  const parts = { shared: adapters.map(() => [] as AdapterModule[]), unique: adapters.map(() => [] as AdapterModule[]) };
  const report: { name: string; sharedDim: number; sideChoice?: SideChoice }[] = [];
  for (const [j, name] of names.entries()) {
    const mods = adapters.map((a) => a.modules.find((m) => m.name === name)!);
    const split = await decomposeLora(mods.map((m) => m.factors), options);
    mods.forEach((m, i) => {
      parts.shared[i].push({ ...m, factors: split.shared[i] });
      parts.unique[i].push({ ...m, factors: split.unique[i] });
    });
    report.push({ name, ...split.diagnostics });
    process.stderr.write(`\rdecompose ${j + 1}/${names.length} ${name.slice(0, 50).padEnd(50)}`);
  }
  process.stderr.write('\n');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'report.json'), JSON.stringify({ tasks: labels, options, format: adapters[0].format, modules: report }, null, 2));
  adapters.forEach((a, i) => {
    for (const part of ['shared', 'unique'] as const) writeAdapter(a, parts[part][i], join(out, `task-${i}.${part}`));
  });
  console.log(`${names.length} LoRA modules; shared dims: ${report.map((r) => r.sharedDim).join(' ')}`);
  if (options.side === 'auto') console.log(`side auto: ${tallySides(report.map((r) => r.sideChoice))} modules (report.json says why, per module)`);
  console.log(`wrote ${join(out, 'report.json')} and ${adapters.length * 2} ${adapters[0].format} adapters`);
}

/** Writes modules in an adapter's format: a PEFT folder at `path`, or a kohya file `path.safetensors`. */
export function writeAdapter(like: Pick<Adapter, 'format' | 'config'>, mods: AdapterModule[], path: string, format = like.format): string {
  if (format === 'peft') {
    mkdirSync(path, { recursive: true });
    const config = like.config ? { ...like.config, lora_alpha: mods[0]?.alpha } : { lora_alpha: mods[0]?.alpha };
    const { weights, config: written } = writePeftAdapter(mods, config);
    writeFileSync(join(path, 'adapter_model.safetensors'), writeSafetensors(weights));
    writeFileSync(join(path, 'adapter_config.json'), JSON.stringify(written, null, 2));
    return path;
  }
  const file = path.endsWith('.safetensors') ? path : `${path}.safetensors`;
  writeFileSync(file, writeSafetensors(writeKohyaLora(mods)));
  return file;
}
