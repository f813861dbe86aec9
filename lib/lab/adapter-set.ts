import type { DecomposeOptionsInput } from '../decompose/options';
import { decomposeOptionsSchema } from '../decompose/options';
import { CancelledError, type TensorDiagnostics } from '../decompose/decompose-weights';
import { isKohyaLora, readKohyaLora } from '../lora/kohya-lora';
import type { Adapter } from '../lora/adapter-module';
import { decomposeLora } from '../lora/decompose-lora';
import { alignModules } from '../lora/lora-recipe';
import { parsePeftConfig, readPeftAdapter } from '../lora/peft-adapter';
import type { CheckpointListing } from '../sources/open-checkpoint';
import type { WeightSet } from '../tensors/weight-set';

/** An adapter when the listing is one (a PEFT folder, or a file of kohya lora_down/lora_up tensors). */
export function adapterOf(listing: CheckpointListing, weights: WeightSet): Adapter | null {
  if (listing.layout.kind === 'peft') return readPeftAdapter(weights, parsePeftConfig(listing.adapterConfig ?? '{}'));
  return isKohyaLora(weights) ? readKohyaLora(weights) : null;
}

/** True when a header alone says the checkpoint is a LoRA adapter (before its tensors are read). */
export const looksLikeAdapter = (listing: CheckpointListing) =>
  listing.layout.kind === 'peft' || listing.tensors.some((t) => t.name.endsWith('.lora_down.weight') || /\.lora_[AB](\.[^.]+)?\.weight$/.test(t.name));

/** Lets a cancel or another message in between modules (a worker handles messages only between tasks). */
const macrotask = () => new Promise<void>((r) => setTimeout(r, 0));

/** Per-module diagnostics of LoRA tasks in factor form, in the shape the layer table shows; stops between modules on a cancel. */
export async function adapterDiagnostics(
  adapters: Adapter[],
  labels: string[],
  options: DecomposeOptionsInput,
  run: { signal?: { aborted: boolean }; onModule?: (done: number, total: number) => void | Promise<void> } = {},
): Promise<TensorDiagnostics[]> {
  const parsed = decomposeOptionsSchema.parse(options);
  const names = alignModules(adapters, labels);
  const out: TensorDiagnostics[] = [];
  for (const [j, name] of names.entries()) {
    const mods = adapters.map((a) => a.modules.find((m) => m.name === name)!);
    const split = await decomposeLora(mods.map((m) => m.factors), parsed);
    out.push({ name, shape: mods[0].weightShape, kind: 'matrix', ...split.diagnostics });
    await run.onModule?.(j + 1, names.length);
    await macrotask();
    if (run.signal?.aborted) throw new CancelledError();
  }
  return out;
}
