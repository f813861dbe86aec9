/** The per-layer null model of shared dimensions, over the task vectors of one pair of styles. */
import { taskBasis } from '../../lib/decompose/task-basis';
import { chanceSharedDim } from '../../lib/insight/chance-level';
import { sharedSubspace } from '../../lib/decompose/shared-subspace';
import { float64Engine } from '../../lib/linalg/engine';
import type { Mat } from '../../lib/linalg/mat';
import type { Tensor, WeightSet } from '../../lib/tensors/weight-set';

const asMat = (t: Tensor): Mat => ({ rows: t.shape[0], cols: t.data.length / t.shape[0], data: t.data });

export interface LayerNull {
  name: string;
  dim: number;
  ranks: number[];
  sharedDim: number;
  chanceMean: number;
  chanceP95: number;
}

/** Observed shared dimension per matrix against random subspaces of the same ranks (METHOD.md null model). */
export async function sharedNullModel(taus: WeightSet[], options: { energy: number; eta: number }, trials = 20): Promise<LayerNull[]> {
  const out: LayerNull[] = [];
  for (const [name, t] of Object.entries(taus[0].tensors)) {
    if (t.shape.length < 2) continue;
    const bases = [];
    for (const tau of taus) bases.push(await taskBasis(asMat(tau.tensors[name]), options.energy, null, float64Engine));
    const ranks = bases.map((b) => b.rank);
    const shared = await sharedSubspace(bases.map((b) => b.U), options.eta, float64Engine);
    const chance = await chanceSharedDim(t.shape[0], ranks, options.eta, trials, 1);
    out.push({ name, dim: t.shape[0], ranks, sharedDim: shared.Z.cols, chanceMean: chance.mean, chanceP95: chance.p95 });
  }
  return out;
}
