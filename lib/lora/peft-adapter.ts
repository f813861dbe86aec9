import { z } from 'zod';
import type { Mat } from '../linalg/mat';
import type { Tensor, WeightSet } from '../tensors/weight-set';
import { type Adapter, AdapterError, type AdapterModule } from './adapter-module';
import { transposeFactors } from './lora-factors';

/**
 * PEFT LoRA (adapter_config.json + adapter_model.safetensors). Per module
 * delta W = scaling * B A with scaling = alpha / r (alpha / sqrt(r) with use_rslora); r and alpha
 * may be overridden per module by rank_pattern / alpha_pattern; fan_in_fan_out (GPT-2's Conv1D)
 * stores the weight transposed, so delta W = (B A)^T.
 * Reference: huggingface/peft, src/peft/tuners/lora (LoraConfig, LoraLayer.update_layer).
 */
export const peftConfigSchema = z
  .object({
    peft_type: z.string().optional(),
    r: z.number().int().positive(),
    lora_alpha: z.number().positive(),
    use_rslora: z.boolean().default(false),
    fan_in_fan_out: z.boolean().default(false),
    rank_pattern: z.record(z.string(), z.number().int().positive()).default({}),
    alpha_pattern: z.record(z.string(), z.number().positive()).default({}),
  })
  .passthrough();

export type PeftConfig = z.output<typeof peftConfigSchema>;

const PREFIX = 'base_model.model.';
const NAME = /^(.*)\.lora_([AB])(?:\.[^.]+)?\.weight$/;

/**
 * PEFT's get_pattern_key: the first key K (in file order) for which re.match(`(.*\.)?(K)$`, module)
 * holds. K is a regular expression there, so it is one here (a key JavaScript cannot compile is
 * taken literally); full module names, as writePeftAdapter writes them, match only their module.
 */
function patternValue<T>(patterns: Record<string, T>, module: string): T | undefined {
  for (const [key, value] of Object.entries(patterns)) if (patternRegExp(key).test(module)) return value;
  return undefined;
}
function patternRegExp(key: string): RegExp {
  try {
    if (key.length > 256) throw new Error('too long to trust as a pattern'); // module paths are shorter; this bounds regex cost
    return new RegExp(`^(.*\\.)?(${key})$`);
  } catch {
    return new RegExp(`^(.*\\.)?(${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})$`);
  }
}

export const peftScaling = (c: PeftConfig, r: number, alpha: number) => (c.use_rslora ? alpha / Math.sqrt(r) : alpha / r);

export function parsePeftConfig(text: string): PeftConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AdapterError('adapter_config.json is not valid JSON');
  }
  const parsed = peftConfigSchema.safeParse(json);
  if (!parsed.success) throw new AdapterError(`adapter_config.json is not a LoRA config: ${parsed.error.issues[0].path.join('.') || 'it'} is missing or invalid`);
  if (parsed.data.peft_type && parsed.data.peft_type !== 'LORA') throw new AdapterError(`adapter_config.json is a ${parsed.data.peft_type} adapter; only LoRA is supported`);
  return parsed.data;
}

export function readPeftAdapter(weights: WeightSet, config: PeftConfig): Adapter {
  const pairs = new Map<string, { A?: Tensor; B?: Tensor }>();
  for (const [name, t] of Object.entries(weights.tensors)) {
    const m = NAME.exec(name.startsWith(PREFIX) ? name.slice(PREFIX.length) : name);
    if (!m) continue;
    const entry = pairs.get(m[1]) ?? {};
    entry[m[2] as 'A' | 'B'] = t;
    pairs.set(m[1], entry);
  }
  if (pairs.size === 0) throw new AdapterError('no lora_A / lora_B tensors found: this is not a PEFT LoRA adapter');
  const modules: AdapterModule[] = [];
  for (const [name, { A, B }] of pairs) {
    if (!A || !B) throw new AdapterError(`module ${name} has lora_${A ? 'A' : 'B'} but no lora_${A ? 'B' : 'A'}`);
    const r = A.shape[0];
    if (B.shape[1] !== r || A.shape.length !== 2 || B.shape.length !== 2) throw new AdapterError(`module ${name}: lora_A [${A.shape}] and lora_B [${B.shape}] do not multiply`);
    const expectR = patternValue(config.rank_pattern, name) ?? config.r;
    if (expectR !== r) throw new AdapterError(`module ${name} has rank ${r} but adapter_config.json says ${expectR}`);
    const alpha = patternValue(config.alpha_pattern, name) ?? config.lora_alpha;
    const s = peftScaling(config, r, alpha);
    let factors = { B: scaled(B, s), A: asMat(A) };
    if (config.fan_in_fan_out) factors = transposeFactors(factors);
    modules.push({ name, factors, alpha, weightShape: [factors.B.rows, factors.A.cols] });
  }
  return { format: 'peft', modules, config };
}

/** Writes modules as a PEFT adapter: per-module rank and alpha go to rank_pattern / alpha_pattern. */
export function writePeftAdapter(modules: AdapterModule[], base: Partial<PeftConfig> = {}): { weights: WeightSet; config: Record<string, unknown> } {
  const fanInFanOut = base.fan_in_fan_out ?? false;
  const rslora = base.use_rslora ?? false;
  const tensors: Record<string, Tensor> = {};
  const rankPattern: Record<string, number> = {};
  const alphaPattern: Record<string, number> = {};
  const r0 = modules[0]?.factors.B.cols ?? 1;
  for (const m of modules) {
    const f = fanInFanOut ? transposeFactors(m.factors) : m.factors;
    const r = f.B.cols;
    const s = rslora ? m.alpha / Math.sqrt(r) : m.alpha / r;
    tensors[`${PREFIX}${m.name}.lora_A.weight`] = { shape: [r, f.A.cols], data: Float32Array.from(f.A.data) };
    tensors[`${PREFIX}${m.name}.lora_B.weight`] = { shape: [f.B.rows, r], data: Float32Array.from(f.B.data, (x) => x / s) };
    if (r !== r0) rankPattern[m.name] = r;
    if (m.alpha !== (base.lora_alpha ?? modules[0]?.alpha)) alphaPattern[m.name] = m.alpha;
  }
  const config = {
    ...base,
    peft_type: 'LORA',
    r: r0,
    lora_alpha: base.lora_alpha ?? modules[0]?.alpha ?? r0,
    use_rslora: rslora,
    fan_in_fan_out: fanInFanOut,
    rank_pattern: rankPattern,
    alpha_pattern: alphaPattern,
    target_modules: [...new Set(modules.map((m) => m.name.split('.').pop()!))],
  };
  return { weights: { tensors, metadata: { format: 'pt' } }, config };
}

const asMat = (t: Tensor): Mat => ({ rows: t.shape[0], cols: t.shape[1], data: Float64Array.from(t.data) });
const scaled = (t: Tensor, s: number): Mat => ({ rows: t.shape[0], cols: t.shape[1], data: Float64Array.from(t.data, (x) => x * s) });
