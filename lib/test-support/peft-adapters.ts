import { writeSafetensors } from '../tensors/safetensors';
import { gaussian, mulberry32 } from '../util/random';

export interface PeftSetShape {
  /** Module paths as the base names them, e.g. "transformer.h.0.attn.c_attn". */
  modules: string[];
  rank: number;
  /** Input width of every module; outputs are `outOf(module)`. */
  d: number;
  outOf?: (module: string) => number;
  /** Rows of A common to every adapter of the set (the directions they share). */
  sharedRows?: number;
}

/**
 * A PEFT adapter (adapter_config.json + adapter_model.safetensors, fan_in_fan_out as GPT-2's
 * Conv1D stores it) with `sharedRows` rows of each lora_A common to every adapter built with the
 * same shape: with fan_in_fan_out the stored update is (B A)^T, whose column space lies in span(A^T).
 */
export function peftAdapterFiles(shape: PeftSetShape, seed: number): { config: string; weights: Uint8Array } {
  const g = gaussian(mulberry32(seed));
  const common = gaussian(mulberry32(99));
  const sharedRows = shape.sharedRows ?? 0;
  const tensors: Record<string, { shape: number[]; data: Float32Array }> = {};
  for (const m of shape.modules) {
    const shared = Float32Array.from({ length: sharedRows * shape.d }, common);
    const out = shape.outOf?.(m) ?? shape.d;
    tensors[`base_model.model.${m}.lora_A.weight`] = { shape: [shape.rank, shape.d], data: Float32Array.from({ length: shape.rank * shape.d }, (_, i) => (i < sharedRows * shape.d ? 3 * shared[i] : g())) };
    tensors[`base_model.model.${m}.lora_B.weight`] = { shape: [out, shape.rank], data: Float32Array.from({ length: out * shape.rank }, g) };
  }
  const targets = [...new Set(shape.modules.map((m) => m.split('.').pop()!))];
  const config = JSON.stringify({ peft_type: 'LORA', r: shape.rank, lora_alpha: 2 * shape.rank, fan_in_fan_out: true, target_modules: targets });
  return { config, weights: writeSafetensors({ tensors }) };
}
