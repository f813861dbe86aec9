import { zipSync } from 'fflate';
import type { Adapter } from '../lora/adapter-module';
import { writeKohyaLora } from '../lora/kohya-lora';
import { loraRecipeEdit } from '../lora/lora-recipe';
import { writePeftAdapter } from '../lora/peft-adapter';
import type { Recipe } from '../recipe/schema';
import { writeSafetensors } from '../tensors/safetensors';

/**
 * A recipe over LoRA tasks as a file the tools load: a kohya .safetensors (with alpha), or a PEFT
 * folder (adapter_config.json + adapter_model.safetensors) zipped. Exact: rank <= the sum of the terms' (equal for the linear methods).
 */
export async function loraExportFile(recipe: Recipe, adapters: Adapter[], stem: string, labels?: string[]): Promise<{ name: string; bytes: Uint8Array; rank: number }> {
  const edit = await loraRecipeEdit(recipe, adapters, { labels });
  const rank = Math.max(0, ...edit.modules.map((m) => m.factors.B.cols));
  const format = adapters[0].format;
  const meta = { recipe: JSON.stringify(recipe) };
  if (format === 'kohya') return { name: `${stem}.safetensors`, bytes: writeSafetensors(writeKohyaLora(edit.modules), { metadata: meta }), rank };
  const { weights, config } = writePeftAdapter(edit.modules, { ...adapters[0].config, lora_alpha: edit.modules[0]?.alpha });
  const zip = zipSync({
    [`${stem}/adapter_model.safetensors`]: writeSafetensors(weights, { metadata: meta }),
    [`${stem}/adapter_config.json`]: new TextEncoder().encode(JSON.stringify(config, null, 2)),
  });
  return { name: `${stem}-peft.zip`, bytes: zip, rank };
}
