import type { TensorDiagnostics } from '../../decompose/decompose-weights';
import type { WeightSet } from '../../tensors/weight-set';

/**
 * Share of the task vectors' energy (every matrix, every task) that lies in the shared subspace,
 * pooled: sum_l sum_i sharedEnergy_li ||tau_li||^2 / sum_l sum_i ||tau_li||^2. Matrices with no
 * shared dimension count with their whole energy (v2's page averaged over the others only).
 */
export function pooledSharedEnergy(diags: TensorDiagnostics[], base: WeightSet, tasks: WeightSet[]): number {
  let inShared = 0, total = 0;
  for (const d of diags) {
    if (d.kind !== 'matrix') continue;
    const b = base.tensors[d.name].data;
    tasks.forEach((t, i) => {
      const w = t.tensors[d.name].data;
      let e = 0;
      for (let j = 0; j < w.length; j++) e += (w[j] - b[j]) * (w[j] - b[j]);
      inShared += d.sharedEnergy[i] * e;
      total += e;
    });
  }
  return total > 0 ? inShared / total : 0;
}
