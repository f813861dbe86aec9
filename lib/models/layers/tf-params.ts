/** WeightSet <-> tfjs tensors, the same for every family. */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, WeightSet } from '../../tensors/weight-set';

export type TfParams = Record<string, tf.Tensor>;

/** WeightSet -> tf tensors (caller disposes). */
export const toTf = (ws: WeightSet): TfParams =>
  Object.fromEntries(Object.entries(ws.tensors).map(([k, t]) => [k, tf.tensor(t.data, t.shape)]));

export async function fromTf(params: TfParams): Promise<WeightSet> {
  const tensors: Record<string, Tensor> = {};
  for (const [k, t] of Object.entries(params)) tensors[k] = { shape: [...t.shape], data: new Float32Array(await t.data()) };
  return { tensors };
}

export const disposeParams = (p: TfParams): void => Object.values(p).forEach((t) => t.dispose());
