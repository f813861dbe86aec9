import type { LoraFactors } from './lora-factors';

/** One adapted module as a file stores it, with the scale folded into the factors. */
export interface AdapterModule {
  /** Module path as the base model names it, e.g. "transformer.h.0.attn.c_attn". */
  name: string;
  factors: LoraFactors;
  /** As written in the file (PEFT: lora_alpha or alpha_pattern; kohya: the `.alpha` tensor). */
  alpha: number;
  /** Shape of the adapted weight (a conv's [out, in, kh, kw] included). */
  weightShape: number[];
}

export type AdapterFormat = 'peft' | 'kohya';

export interface Adapter {
  format: AdapterFormat;
  modules: AdapterModule[];
  /** PEFT: the adapter_config.json it came with (written back with updated ranks). */
  config?: Record<string, unknown>;
}

export class AdapterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdapterError';
  }
}
