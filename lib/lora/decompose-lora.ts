import { sharedSubspace } from '../decompose/shared-subspace';
import type { DecomposeOptions } from '../decompose/options';
import { type SideChoice, chooseSide } from '../decompose/side-choice';
import { float64Engine } from '../linalg/engine';
import type { Mat } from '../linalg/mat';
import { factorTaskBasis } from './factor-basis';
import { type LoraFactors, loraRank, transposeFactors } from './lora-factors';

export interface LoraSplit {
  /** Orthonormal basis of the shared subspace (in the chosen side's space). */
  basis: Mat;
  /** shared_i = Z (Z^T B_i) A_i and unique_i = (B_i - Z Z^T B_i) A_i: LoRAs of task i's rank. */
  shared: LoraFactors[];
  unique: LoraFactors[];
  diagnostics: { ranks: number[]; eigenvalues: number[]; sharedDim: number; sharedEnergy: number[]; sideChoice?: SideChoice };
}

/**
 * METHOD.md on one module whose task vectors are LoRA updates: the column space of B A lies in
 * span(B), so every step runs on the factors at the adapters' ranks. Same result as the dense
 * path on the materialised B A (tested), and both parts stay LoRAs that sum to the input exactly.
 */
export async function decomposeLora(tasks: LoraFactors[], options: DecomposeOptions): Promise<LoraSplit> {
  if (options.control !== 'none') throw new Error('same-size controls are not available for LoRA inputs yet');
  if (options.side !== 'auto') return splitOn(tasks, options.side === 'right', await subspaces(tasks, options, options.side === 'right'));
  // Both sides are cheap in factor form: each is its own exact split, the rule picks one.
  const [left, right] = [await subspaces(tasks, options, false), await subspaces(tasks, options, true)];
  const choice = await chooseSide({ dim: tasks[0].B.rows, eigenvalues: left.eigenvalues }, { dim: tasks[0].A.cols, eigenvalues: right.eigenvalues }, left.ranks, options.eta);
  const split = await splitOn(tasks, choice.side === 'right', choice.side === 'right' ? right : left);
  return { ...split, diagnostics: { ...split.diagnostics, sideChoice: choice } };
}

/** Task subspaces on one side and the subspace they share. */
async function subspaces(tasks: LoraFactors[], options: DecomposeOptions, right: boolean) {
  const views = right ? tasks.map(transposeFactors) : tasks;
  const over = options.over ?? tasks.map((_, i) => i);
  const ranks = new Array<number>(tasks.length).fill(0);
  const bases: Mat[] = [];
  for (const i of over) {
    const b = await factorTaskBasis(views[i], options.energy, options.maxRank);
    ranks[i] = b.rank;
    bases.push(b.U);
  }
  return { ranks, ...(await sharedSubspace(bases, options.eta, float64Engine)) };
}

/** Every task's B split on the side's shared subspace (transposed back for the right side). */
async function splitOn(tasks: LoraFactors[], right: boolean, found: { ranks: number[]; Z: Mat; eigenvalues: number[] }): Promise<LoraSplit> {
  const views = right ? tasks.map(transposeFactors) : tasks;
  const { ranks, Z, eigenvalues } = found;
  const shared: LoraFactors[] = [];
  const unique: LoraFactors[] = [];
  const sharedEnergy: number[] = [];
  for (const f of views) {
    const Bs = Z.cols ? await float64Engine.matmul(Z, await float64Engine.matmul(Z, f.B, true, false)) : zeros(f.B.rows, loraRank(f));
    const Bu: Mat = { rows: f.B.rows, cols: f.B.cols, data: f.B.data.map((x, i) => x - Bs.data[i]) as Float64Array };
    sharedEnergy.push(await energyRatio({ B: Bs, A: f.A }, f));
    const s = { B: Bs, A: f.A }, u = { B: Bu, A: f.A };
    shared.push(right ? transposeFactors(s) : s);
    unique.push(right ? transposeFactors(u) : u);
  }
  return { basis: Z, shared, unique, diagnostics: { ranks, eigenvalues, sharedDim: Z.cols, sharedEnergy } };
}

const zeros = (rows: number, cols: number): Mat => ({ rows, cols, data: new Float64Array(rows * cols) });

/** ||B_s A||^2 / ||B A||^2 through the r x r Gram matrices: tr(B^T B A A^T). */
async function energyRatio(part: LoraFactors, whole: LoraFactors): Promise<number> {
  const AAt = await float64Engine.matmul(whole.A, whole.A, false, true);
  const trace = async (B: Mat) => {
    const BtB = await float64Engine.matmul(B, B, true, false);
    let s = 0;
    for (let i = 0; i < BtB.data.length; i++) s += BtB.data[i] * AAt.data[i]; // both symmetric
    return s;
  };
  const total = await trace(whole.B);
  return total > 0 ? (await trace(part.B)) / total : 0;
}
