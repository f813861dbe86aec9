/**
 * The method's own premise on a merge family (EXPERIMENTS.md), measured before any tuning, per matrix and pooled:
 * the shared dimension against the null model (random subspaces of the same ranks), the share of each task
 * vector's energy inside the shared subspace Z, and, for the planted family, the share of the planted common change
 * (adaptation stage minus base) inside Z against what a random subspace of the same size holds (s / d). The common
 * change rides along as an extra "task" outside `over`, so it is split against the same Z.
 */
import type { LabEngine } from '../../lib/engine/lab-engine';
import type { MergeState } from '../../lib/demos/merge/merge-state';
import { chanceSharedDim } from '../../lib/insight/chance-level';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { pageRecipe } from './eval-grid';

export const COMMON_ID = 'merge/common';

export interface PremiseLayer {
  name: string;
  shape: number[];
  /** Dimension of the decomposed side. */
  d: number;
  ranks: number[];
  sharedDim: number;
  top: number[];
  chanceMean: number;
  chanceP95: number;
  /** Per task: ||shared_i||^2 / ||tau_i||^2. */
  tauInside: number[];
  /** Planted: share of the common change's energy inside Z, and its energy relative to each task vector's. */
  commonInside: number | null;
  commonOverTau: number[] | null;
}

export interface MethodPremise {
  side: string;
  energy: number;
  eta: number;
  layers: PremiseLayer[];
  /** Pooled over all matrices. */
  tauInside: number[];
  commonInside: number | null;
  /** What a random subspace of each layer's shared dimension would hold of the common change (sum of s / d, energy-weighted). */
  commonChance: number | null;
  commonOverTau: number[] | null;
}

/** Dimension of the space a side's subspaces live in: output rows (left) or flattened inputs (right). */
export const sideDim = (shape: number[], side: string): number => (side === 'left' ? shape[0] : shape.slice(1).reduce((a, b) => a * b, 1));

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** `engine` holds the family under the page's ids; `common` (planted) is the stage the fine-tunes started from. */
export async function measureMethodPremise(engine: LabEngine, base: WeightSet, encoders: WeightSet[], common: WeightSet | null, state: MergeState, log: (m: string) => void = () => {}): Promise<MethodPremise> {
  const k = encoders.length;
  if (common) engine.addWeights(COMMON_ID, common);
  const ta = pageRecipe(state, 'task_arithmetic');
  const models = { ...ta.models, tasks: common ? [...ta.models.tasks, COMMON_ID] : ta.models.tasks };
  const d = await engine.decompose(models, { ...ta.decomposition, over: Array.from({ length: k }, (_, i) => i) });
  const energyOf = (w: WeightSet, name: string) => {
    const b = base.tensors[name].data, f = w.tensors[name].data;
    let e = 0;
    for (let j = 0; j < b.length; j++) e += (f[j] - b[j]) ** 2;
    return e;
  };
  const layers: PremiseLayer[] = [];
  const pooled = { tau: new Array(k).fill(0), tauIn: new Array(k).fill(0), h: 0, hIn: 0, hChance: 0 };
  for (const x of d.filter((y) => y.kind === 'matrix')) {
    const dim = sideDim(x.shape, state.side);
    const chance = await chanceSharedDim(dim, x.ranks.slice(0, k), state.eta, 20, 1);
    const tau = encoders.map((w) => energyOf(w, x.name));
    tau.forEach((t, i) => { pooled.tau[i] += t; pooled.tauIn[i] += t * x.sharedEnergy[i]; });
    const h = common ? energyOf(common, x.name) : 0;
    if (common) { pooled.h += h; pooled.hIn += h * x.sharedEnergy[k]; pooled.hChance += (h * x.sharedDim) / dim; }
    layers.push({
      name: x.name, shape: x.shape, d: dim, ranks: x.ranks.slice(0, k), sharedDim: x.sharedDim, top: x.eigenvalues.slice(0, 3).map((v) => +v.toFixed(4)),
      chanceMean: chance.mean, chanceP95: chance.p95, tauInside: x.sharedEnergy.slice(0, k).map((v) => +v.toFixed(4)),
      commonInside: common ? +x.sharedEnergy[k].toFixed(4) : null, commonOverTau: common ? tau.map((t) => +(h / t).toFixed(3)) : null,
    });
    log(`${x.name.padEnd(28)} d ${String(dim).padStart(4)} s ${x.sharedDim} (null mean ${chance.mean.toFixed(1)}, p95 ${chance.p95}) top ${x.eigenvalues.slice(0, 3).map((v) => v.toFixed(3)).join(' ')} tau in Z ${(100 * mean(x.sharedEnergy.slice(0, k))).toFixed(1)}%${common ? ` common in Z ${(100 * x.sharedEnergy[k]).toFixed(1)}% (chance ${((100 * x.sharedDim) / dim).toFixed(1)}%), common/tau ${(100 * mean(tau.map((t) => h / t))).toFixed(0)}%` : ''}`);
  }
  const tauInside = pooled.tauIn.map((v, i) => v / pooled.tau[i]);
  log(`pooled: each task vector's energy inside Z ${tauInside.map((v) => (100 * v).toFixed(1)).join(' ')} %`);
  if (common) log(`pooled: common change inside Z ${((100 * pooled.hIn) / pooled.h).toFixed(1)}% (same-size random ${((100 * pooled.hChance) / pooled.h).toFixed(1)}%); common / task vector energy ${pooled.tau.map((t) => ((100 * pooled.h) / t).toFixed(0)).join(' ')} %`);
  return {
    side: state.side, energy: state.energy, eta: state.eta, layers, tauInside,
    commonInside: common ? pooled.hIn / pooled.h : null,
    commonChance: common ? pooled.hChance / pooled.h : null,
    commonOverTau: common ? pooled.tau.map((t) => pooled.h / t) : null,
  };
}
