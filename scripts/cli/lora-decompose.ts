// decompose over LoRA adapters: factor form per module, components written as adapters in the
// input's format (PEFT folder or kohya file), never as dense d x d matrices.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DecomposeOptions } from '../../lib/decompose/options';
import type { Adapter, AdapterModule } from '../../lib/lora/adapter-module';
import { decomposeLora } from '../../lib/lora/decompose-lora';
import { isKohyaLora, readKohyaLora, writeKohyaLora } from '../../lib/lora/kohya-lora';
import { parsePeftConfig, readPeftAdapter, writePeftAdapter } from '../../lib/lora/peft-adapter';
import type { CheckpointListing } from '../../lib/sources/open-checkpoint';
import { writeSafetensors } from '../../lib/tensors/safetensors';
import type { WeightSet } from '../../lib/tensors/weight-set';

/** An adapter when the checkpoint is one (a PEFT folder, or a kohya file), else null. */
export function asAdapter(listing: CheckpointListing, weights: WeightSet): Adapter | null {
  if (listing.layout.kind === 'peft') return readPeftAdapter(weights, parsePeftConfig(listing.adapterConfig ?? '{}'));
  if (isKohyaLora(weights)) return readKohyaLora(weights);
  return null;
}

export async function decomposeAdapters(labels: string[], adapters: Adapter[], options: DecomposeOptions, out: string) {
  const names = adapters[0].modules.map((m) => m.name);
  const problems = adapters.flatMap((a, i) => {
    const have = new Set(a.modules.map((m) => m.name));
    return [...names.filter((n) => !have.has(n)).map((n) => `task ${i + 1} (${labels[i]}): no module ${n}`), ...[...have].filter((n) => !names.includes(n)).map((n) => `task ${i + 1} (${labels[i]}): module ${n} is not in task 1`)];
  });
  if (problems.length) throw new Error(`the adapters do not adapt the same modules:\n${problems.slice(0, 20).join('\n')}`);
  const parts = { shared: adapters.map(() => [] as AdapterModule[]), unique: adapters.map(() => [] as AdapterModule[]) };
  const report: unknown[] = [];
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
    for (const part of ['shared', 'unique'] as const) {
      const mods = parts[part][i];
      if (a.format === 'peft') {
        const dir = join(out, `task-${i}.${part}`);
        mkdirSync(dir, { recursive: true });
        const { weights, config } = writePeftAdapter(mods, a.config);
        writeFileSync(join(dir, 'adapter_model.safetensors'), writeSafetensors(weights));
        writeFileSync(join(dir, 'adapter_config.json'), JSON.stringify(config, null, 2));
      } else writeFileSync(join(out, `task-${i}.${part}.safetensors`), writeSafetensors(writeKohyaLora(mods)));
    }
  });
  console.log(`${names.length} LoRA modules; shared dims: ${report.map((r) => (r as { sharedDim: number }).sharedDim).join(' ')}`);
  console.log(`wrote ${join(out, 'report.json')} and ${adapters.length * 2} ${adapters[0].format} adapters`);
}
