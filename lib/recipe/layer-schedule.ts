// Per-layer values in mergekit's form, so its configs carry over unchanged:
//   a number: the same everywhere;
//   a list [v_0 .. v_{m-1}]: a gradient over layers. Layer i of N sits at t = i / (N - 1) (t = 1 when
//     N = 1) and reads v at position t (m - 1), linearly between neighbours; a list of N values is
//     exactly one value per layer. Tensors outside the layer stack (embeddings, final norm) read t = 0;
//   [{filter, value}, ...]: the first entry whose filter is a substring of the tensor name (no filter,
//     or "*", matches all) gives the value; no match means the term does not touch that tensor.
// Reference: mergekit config.py evaluate_setting and plan.py (t per layer of a slice).
import { z } from 'zod';

const gradient = z.array(z.number().finite()).min(1).max(256);
const scalarOrGradient = z.union([z.number().finite(), gradient]);
export const layerSettingSchema = z.union([
  z.number().finite(),
  gradient,
  z
    .array(z.object({ filter: z.string().max(128).optional(), value: scalarOrGradient }).strict())
    .min(1)
    .max(32),
]);
export type LayerSetting = z.output<typeof layerSettingSchema>;

/** mergekit's linear interpolation of a list at t in [0, 1]. */
export function interpolate(values: readonly number[], t: number): number {
  const scaled = t * (values.length - 1);
  const i0 = Math.floor(scaled);
  const i1 = Math.min(values.length - 1, i0 + 1);
  const frac = scaled - i0;
  return (1 - frac) * values[i0] + frac * values[i1];
}

/** The setting's value for one tensor, or undefined when no filter matches it. */
export function evaluateSetting(setting: LayerSetting, tensorName: string, t: number): number | undefined {
  if (typeof setting === 'number') return setting;
  if (setting.every((e): e is number => typeof e === 'number')) return interpolate(setting, t);
  for (const cond of setting as Exclude<LayerSetting, number | number[]>) {
    if (cond.filter === undefined || cond.filter === '*' || tensorName.includes(cond.filter)) {
      return typeof cond.value === 'number' ? cond.value : interpolate(cond.value, t);
    }
  }
  return undefined;
}

/**
 * The block index of a tensor: its first all-digit path segment ("transformer.h.3.attn.c_attn.weight"
 * -> 3). Names without dots are kohya module names, whose segments are joined by underscores
 * ("lora_te_text_model_encoder_layers_5_mlp_fc1" -> 5).
 */
export function layerIndex(name: string): number | undefined {
  const m = name.includes('.') ? /(?:^|\.)(\d+)(?:\.|$)/.exec(name) : /(?:^|_)(\d+)(?:_|$)/.exec(name);
  return m ? Number(m[1]) : undefined;
}

export interface LayerPosition {
  /** Block index, undefined outside the layer stack. */
  index: number | undefined;
  /** Position along the stack in [0, 1] (0 outside it), mergekit's t. */
  t: number;
}

/** Every tensor's layer position; the stack's length is the largest block index + 1 among the names. */
export function layerPositions(names: readonly string[]): Map<string, LayerPosition> {
  const indices = names.map(layerIndex);
  const count = Math.max(0, ...indices.map((i) => (i === undefined ? -1 : i))) + 1;
  return new Map(
    names.map((n, k) => {
      const index = indices[k];
      const t = index === undefined ? 0 : count > 1 ? index / (count - 1) : 1;
      return [n, { index, t }];
    }),
  );
}
