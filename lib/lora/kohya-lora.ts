import type { Tensor, WeightSet } from '../tensors/weight-set';
import { type Adapter, AdapterError, type AdapterModule } from './adapter-module';

/**
 * kohya / A1111 / ComfyUI LoRA files: `<module>.lora_down.weight` [r, in(, kh, kw)],
 * `<module>.lora_up.weight` [out, r(, 1, 1)] and a scalar `<module>.alpha`;
 * delta W = (alpha / r) * up . down, with conv kernels flattened to in * kh * kw.
 * Module names are the base model's paths with dots as underscores (`lora_unet_...`, `lora_te_...`).
 */
const NAME = /^(.*)\.(lora_down|lora_up)\.weight$|^(.*)\.alpha$/;

export function isKohyaLora(weights: WeightSet): boolean {
  return Object.keys(weights.tensors).some((n) => n.endsWith('.lora_down.weight'));
}

export function readKohyaLora(weights: WeightSet): Adapter {
  const parts = new Map<string, { down?: Tensor; up?: Tensor; alpha?: number }>();
  for (const [name, t] of Object.entries(weights.tensors)) {
    const m = NAME.exec(name);
    if (!m) continue;
    const key = m[1] ?? m[3];
    const entry = parts.get(key) ?? {};
    if (m[2] === 'lora_down') entry.down = t;
    else if (m[2] === 'lora_up') entry.up = t;
    else entry.alpha = t.data[0];
    parts.set(key, entry);
  }
  const modules: AdapterModule[] = [];
  for (const [name, { down, up, alpha }] of parts) {
    if (!down || !up) throw new AdapterError(`module ${name} has ${down ? 'lora_down' : 'lora_up'} but no ${down ? 'lora_up' : 'lora_down'}`);
    const r = down.shape[0];
    const dIn = down.data.length / r;
    const dOut = up.shape[0];
    if (up.data.length !== dOut * r) throw new AdapterError(`module ${name}: lora_up [${up.shape}] does not match rank ${r}`);
    const a = alpha ?? r; // kohya's convention when a file has no alpha: scale 1
    const s = a / r;
    modules.push({
      name,
      alpha: a,
      weightShape: down.shape.length === 4 ? [dOut, down.shape[1], down.shape[2], down.shape[3]] : [dOut, dIn],
      factors: { B: { rows: dOut, cols: r, data: Float64Array.from(up.data, (x) => x * s) }, A: { rows: r, cols: dIn, data: Float64Array.from(down.data) } },
    });
  }
  if (modules.length === 0) throw new AdapterError('no lora_down / lora_up tensors found: this is not a kohya LoRA file');
  return { format: 'kohya', modules };
}

export function writeKohyaLora(modules: AdapterModule[]): WeightSet {
  const tensors: Record<string, Tensor> = {};
  for (const m of modules) {
    const r = m.factors.B.cols;
    const s = m.alpha / r;
    const conv = m.weightShape.length === 4;
    tensors[`${m.name}.lora_down.weight`] = { shape: conv ? [r, ...m.weightShape.slice(1)] : [r, m.factors.A.cols], data: Float32Array.from(m.factors.A.data) };
    tensors[`${m.name}.lora_up.weight`] = { shape: conv ? [m.weightShape[0], r, 1, 1] : [m.factors.B.rows, r], data: Float32Array.from(m.factors.B.data, (x) => x / s) };
    tensors[`${m.name}.alpha`] = { shape: [], data: Float32Array.of(m.alpha) };
  }
  return { tensors, metadata: { ss_network_module: 'networks.lora' } };
}
