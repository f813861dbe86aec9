/**
 * The two detox edits compared in the demo:
 *   plain negation   theta = theta_0 - lambda * tau_toxic
 *   unique negation  theta = theta_0 - lambda * unique_toxic
 * where unique_toxic is tau_toxic minus its part in the subspace it shares with benign fine-tunes of
 * the same register (lib/decompose, METHOD.md), so the register drift both fine-tunes carry is kept.
 */
import type { Decomposition } from '../decompose';
import type { WeightSet } from '../tensors/weight-set';

export function negate(base: WeightSet, direction: Record<string, Float32Array>, lambda: number): WeightSet {
  const tensors: WeightSet['tensors'] = {};
  for (const [name, t] of Object.entries(base.tensors)) {
    const d = direction[name];
    const data = new Float32Array(t.data.length);
    for (let i = 0; i < data.length; i++) data[i] = t.data[i] - lambda * d[i];
    tensors[name] = { shape: [...t.shape], data };
  }
  return { tensors };
}

/** tau_task or unique_task of one task, per tensor, from a decomposition of [toxic, benign...]. */
export function componentOf(dec: Decomposition, part: 'full' | 'unique' | 'shared', task = 0): Record<string, Float32Array> {
  return Object.fromEntries(dec.names.map((n) => [n, dec.components[n][part][task]]));
}
