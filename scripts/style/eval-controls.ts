/**
 * The energy-matched control and the per-layer null model, over WeightSets of one pair of styles.
 * Energy-matched: per matrix, the shared subspace Z removes a share e = ||Z Z^T (tau_A + tau_B)||^2 /
 * ||tau_A + tau_B||^2 of the summed task vector; the control uses the fewest top singular
 * directions of tau_A + tau_B that hold the same share, and the same recipe (gamma times the mean
 * projected part, plus each remainder once). 1-D tensors are as in the method's weights.
 */
import { taskBasis } from '../../lib/decompose/task-basis';
import { chanceSharedDim } from '../../lib/insight/chance-level';
import { sharedSubspace } from '../../lib/decompose/shared-subspace';
import { float64Engine } from '../../lib/linalg/engine';
import type { Mat } from '../../lib/linalg/mat';
import type { Tensor, WeightSet } from '../../lib/tensors/weight-set';

const asMat = (t: Tensor, data: Float32Array | Float64Array = t.data): Mat => ({ rows: t.shape[0], cols: t.data.length / t.shape[0], data });
const norm2 = (a: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return s;
};

/** P P^T W for an orthonormal d x r basis P. */
async function project(P: Mat, W: Mat): Promise<Float64Array> {
  if (P.cols === 0) return new Float64Array(W.data.length);
  return (await float64Engine.matmul(P, await float64Engine.matmul(P, W, true, false))).data as Float64Array;
}

export async function energyMatchedWeights(base: WeightSet, taus: WeightSet[], shared: WeightSet[], method: WeightSet, gamma: number): Promise<{ ws: WeightSet; dims: Record<string, number> }> {
  const tensors: Record<string, Tensor> = {}, dims: Record<string, number> = {};
  for (const [name, t0] of Object.entries(base.tensors)) {
    if (t0.shape.length < 2) {
      tensors[name] = method.tensors[name];
      continue;
    }
    const n = t0.data.length, sum = new Float64Array(n), sh = new Float64Array(n);
    for (let k = 0; k < taus.length; k++)
      for (let i = 0; i < n; i++) {
        sum[i] += taus[k].tensors[name].data[i];
        sh[i] += shared[k].tensors[name].data[i];
      }
    const total = norm2(sum), e = total > 0 ? norm2(sh) / total : 0;
    if (e < 1e-9) {
      tensors[name] = method.tensors[name];
      dims[name] = 0;
      continue;
    }
    const P = (await taskBasis(asMat(t0, sum), Math.min(1, e), null, float64Engine)).U;
    dims[name] = P.cols;
    const out = Float32Array.from(t0.data);
    for (const tau of taus) {
      const p = await project(P, asMat(tau.tensors[name]));
      for (let i = 0; i < n; i++) out[i] += tau.tensors[name].data[i] - p[i] + (gamma / taus.length) * p[i];
    }
    tensors[name] = { shape: [...t0.shape], data: out };
  }
  return { ws: { tensors }, dims };
}

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
