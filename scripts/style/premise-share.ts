/**
 * The method's own premise for the style demo (EXPERIMENTS.md, "The method's own premise"): how much
 * of each style vector's house change lies inside the shared subspace Z the decomposition finds.
 * House part of style i: h_i = tau_planted_i - tau_sibling_i (the two fine-tunes share seed, icons
 * and steps; they differ by the house change in their data). Per combination of styles and matrix:
 * Z from the family's task vectors (rho, eta, left side, as the page decomposes), then
 *   share = sum over ALL matrices ||Z^T h_i||^2 / sum over ALL matrices ||h_i||^2
 * (matrices without a shared dimension count with zero). Chance: a random s-dim subspace of R^d holds
 * s/d of any fixed vector's energy on average, pooled with the same weights. The shared dimension is
 * also set against random subspaces of the same ranks (lib/insight/chance-level.ts).
 */
import { taskBasis } from '../../lib/decompose/task-basis';
import { sharedSubspace } from '../../lib/decompose/shared-subspace';
import { chanceSharedDim } from '../../lib/insight/chance-level';
import { float64Engine } from '../../lib/linalg/engine';
import { type Mat, transpose } from '../../lib/linalg/mat';
import type { LayerNull } from './eval-controls';
import { percentileBootstrap } from '../../lib/stats/paired-bootstrap';
import type { WeightSet } from '../../lib/tensors/weight-set';

export interface PremiseOptions { energy: number; eta: number; side?: 'left' | 'right'; trials?: number }

/** A matrix's shared dimension against the null model (as eval-controls reports it), with the house energies. */
export interface LayerShare extends LayerNull {
  /** Per style of the combination: ||h_i||^2 and ||Z^T h_i||^2 of this matrix. */
  houseEnergy: number[];
  inShared: number[];
}

export interface ComboShare {
  styles: string[];
  layers: LayerShare[];
  /** Pooled over all matrices, per style, and over the styles of the combination. */
  share: number[];
  pooled: number;
  /** The same pooling of s/d (what a random subspace of the same dimension would hold). */
  chance: number;
  /** House energy in 1-D tensors (no subspace), as a share of the style's whole house energy. */
  vectorShare: number[];
  /** Pooled over the matrices: ||h_i||^2 / ||tau_i||^2 of the family's vectors, and (pairs) the cosine between the two house parts. */
  houseOfTau: number[];
  houseCosine: number | null;
}

const asMat = (data: Float32Array, shape: number[]): Mat => ({ rows: shape[0], cols: data.length / shape[0], data });
/** The matrix whose column space the decomposition splits: W on the left side, W^T on the right. */
const sided = (data: Float32Array, shape: number[], side: 'left' | 'right' = 'left'): Mat => (side === 'left' ? asMat(data, shape) : transpose(asMat(data, shape)));
const diff = (a: Float32Array, b: Float32Array) => Float32Array.from(a, (x, i) => x - b[i]);

/** ||Z^T W||_F^2 for Z (d x s, float64) and W (d x n, row-major). */
function projectedEnergy(Z: Mat, W: Mat): number {
  let total = 0;
  const col = new Float64Array(W.cols);
  for (let j = 0; j < Z.cols; j++) {
    col.fill(0);
    for (let i = 0; i < Z.rows; i++) {
      const z = Z.data[i * Z.cols + j];
      if (z === 0) continue;
      for (let c = 0; c < W.cols; c++) col[c] += z * W.data[i * W.cols + c];
    }
    for (let c = 0; c < W.cols; c++) total += col[c] * col[c];
  }
  return total;
}
const energy = (a: Float32Array) => a.reduce((s, x) => s + x * x, 0);

/**
 * One combination of styles: Z from `family` (the task vectors the decomposition sees, minus `base`),
 * house parts from planted minus sibling.
 */
export async function comboShare(base: WeightSet, family: WeightSet[], planted: WeightSet[], sibling: WeightSet[], styles: string[], o: PremiseOptions): Promise<ComboShare> {
  const layers: LayerShare[] = [];
  const vectorEnergy = styles.map(() => 0), tauEnergy = styles.map(() => 0);
  let cross = 0;
  for (const [name, t] of Object.entries(base.tensors)) {
    const houses = planted.map((p, i) => diff(p.tensors[name].data, sibling[i].tensors[name].data));
    if (t.shape.length < 2) {
      houses.forEach((h, i) => (vectorEnergy[i] += energy(h)));
      continue;
    }
    const taus = family.map((f) => sided(diff(f.tensors[name].data, t.data), t.shape, o.side));
    taus.forEach((m, i) => (tauEnergy[i] += energy(m.data as Float32Array)));
    if (houses.length === 2) for (let j = 0; j < houses[0].length; j++) cross += houses[0][j] * houses[1][j];
    const bases = [];
    for (const tau of taus) bases.push(await taskBasis(tau, o.energy, null, float64Engine));
    const ranks = bases.map((b) => b.rank);
    const { Z } = await sharedSubspace(bases.map((b) => b.U), o.eta, float64Engine);
    const chance = await chanceSharedDim(taus[0].rows, ranks, o.eta, o.trials ?? 20, 1);
    layers.push({
      name, dim: taus[0].rows, ranks, sharedDim: Z.cols, chanceMean: chance.mean, chanceP95: chance.p95,
      houseEnergy: houses.map(energy),
      inShared: houses.map((h) => projectedEnergy(Z, sided(h, t.shape, o.side))),
    });
  }
  const sum = (f: (l: LayerShare) => number, ls = layers) => ls.reduce((s, l) => s + f(l), 0);
  const share = styles.map((_, i) => sum((l) => l.inShared[i]) / sum((l) => l.houseEnergy[i]));
  const all = (l: LayerShare) => l.houseEnergy.reduce((a, b) => a + b, 0);
  return {
    styles, layers, share,
    pooled: sum((l) => l.inShared.reduce((a, b) => a + b, 0)) / sum(all),
    chance: sum((l) => (l.sharedDim / l.dim) * all(l)) / sum(all),
    vectorShare: styles.map((_, i) => vectorEnergy[i] / (vectorEnergy[i] + sum((l) => l.houseEnergy[i]))),
    houseOfTau: styles.map((_, i) => sum((l) => l.houseEnergy[i]) / tauEnergy[i]),
    houseCosine: styles.length === 2 ? cross / Math.sqrt(sum((l) => l.houseEnergy[0]) * sum((l) => l.houseEnergy[1])) : null,
  };
}

/**
 * Pooled share over several combinations with a 95% interval that resamples matrices (with
 * replacement, the same draw for every combination): the unit the decomposition works on.
 */
export function pooledShare(combos: ComboShare[], resamples = 2000, seed = 1) {
  const names = combos[0].layers.map((l) => l.name);
  const ratio = (idx: number[]) => {
    let num = 0, den = 0;
    for (const c of combos)
      for (const j of idx) {
        num += c.layers[j].inShared.reduce((a, b) => a + b, 0);
        den += c.layers[j].houseEnergy.reduce((a, b) => a + b, 0);
      }
    return den > 0 ? num / den : 0;
  };
  const every = names.map((_, j) => j);
  return percentileBootstrap(ratio(every), (rng) => ratio(every.map(() => Math.floor(rng() * every.length))), resamples, seed);
}
