import { SPECTRUM_ONLY, sharedSubspace } from '../decompose/shared-subspace';
import type { DecomposeOptions } from '../decompose/options';
import { type SideChoice, chooseSide, rightFromLeft } from '../decompose/side-choice';
import { taskBasis } from '../decompose/task-basis';
import { float64Engine, type MatmulEngine } from '../linalg/engine';
import { type Mat, transpose } from '../linalg/mat';
import { factorTaskBasis } from '../lora/factor-basis';
import { type LoraFactors, transposeFactors } from '../lora/lora-factors';
import { type ChanceLevel, chanceSharedDim } from './chance-level';
import { type TaskSimilarity, denseGram, taskSimilarity } from './task-similarity';

/** What /lab shows for one layer: ranks, shared dimension against chance, spectrum, similarity. */
export interface LayerInsight {
  name: string;
  /** Dimension of the space the subspaces live in (d_out on the left side, d_in on the right). */
  dim: number;
  ranks: number[];
  sharedDim: number;
  chance: ChanceLevel;
  /** Chained-projection eigenvalue moduli, descending. */
  eigenvalues: number[];
  /** Singular values of each task vector, descending (its spectrum). */
  singularValues: number[][];
  similarity: TaskSimilarity;
  /** Side 'auto' only: the side the subspaces are on and why (as the decomposition chose it). */
  sideChoice?: SideChoice;
}

type Found = { U: Mat; sigma: number[]; rank: number };

/** One layer of full fine-tunes: task vectors as d_out x d_in matrices (conv kernels flattened). */
export async function layerInsight(name: string, taus: Mat[], options: DecomposeOptions, engine: MatmulEngine, chanceTrials = 20): Promise<LayerInsight> {
  const basesOn = async (right: boolean) => {
    const bases: Found[] = [];
    for (const W of right ? taus.map(transpose) : taus) bases.push(await taskBasis(W, options.energy, options.maxRank, engine));
    return bases;
  };
  const gram = denseGram(taus.map((t) => t.data));
  if (options.side !== 'auto') return assemble(name, options.side === 'right' ? taus[0].cols : taus[0].rows, await basesOn(options.side === 'right'), gram, options, engine, chanceTrials);
  // As the decomposition decides: the right side's evidence from the left SVDs (W^T U), over `over`.
  const left = await basesOn(false);
  const over = options.over ?? taus.map((_, i) => i);
  const rightEvidence: Mat[] = [];
  for (const i of over) rightEvidence.push(left[i].rank ? rightFromLeft(await engine.matmul(taus[i], left[i].U, true, false), left[i].sigma) : { rows: taus[i].cols, cols: 0, data: new Float64Array(0) });
  const spectrum = async (bases: Mat[]) => (await sharedSubspace(bases, SPECTRUM_ONLY, engine)).eigenvalues;
  const ranks = left.map((b, i) => (over.includes(i) ? b.rank : 0));
  const choice = await chooseSide(
    { dim: taus[0].rows, eigenvalues: await spectrum(over.map((i) => left[i].U)) },
    { dim: taus[0].cols, eigenvalues: await spectrum(rightEvidence) },
    ranks,
    options.eta,
  );
  const right = choice.side === 'right';
  return { ...(await assemble(name, right ? taus[0].cols : taus[0].rows, right ? await basesOn(true) : left, gram, options, engine, chanceTrials)), sideChoice: choice };
}

/** One layer of LoRA tasks, in factor form: <B_i A_i, B_j A_j> = tr((B_i^T B_j)(A_j A_i^T)). */
export async function loraLayerInsight(name: string, tasks: LoraFactors[], options: DecomposeOptions, chanceTrials = 20): Promise<LayerInsight> {
  const basesOn = async (right: boolean) => {
    const bases: Found[] = [];
    for (const f of right ? tasks.map(transposeFactors) : tasks) bases.push(await factorTaskBasis(f, options.energy, options.maxRank));
    return bases;
  };
  let right = options.side === 'right';
  let bases = await basesOn(right);
  let sideChoice: SideChoice | undefined;
  if (options.side === 'auto') {
    // As decomposeLora decides: both sides exactly, in factor form.
    const over = options.over ?? tasks.map((_, i) => i);
    const other = await basesOn(true);
    const spectrum = async (found: Found[]) => (await sharedSubspace(over.map((i) => found[i].U), SPECTRUM_ONLY, float64Engine)).eigenvalues;
    const ranks = bases.map((b, i) => (over.includes(i) ? b.rank : 0));
    sideChoice = await chooseSide({ dim: tasks[0].B.rows, eigenvalues: await spectrum(bases) }, { dim: tasks[0].A.cols, eigenvalues: await spectrum(other) }, ranks, options.eta);
    right = sideChoice.side === 'right';
    if (right) bases = other;
  }
  const mm = float64Engine.matmul;
  const gram: number[][] = tasks.map(() => new Array<number>(tasks.length).fill(0));
  for (let i = 0; i < tasks.length; i++)
    for (let j = i; j < tasks.length; j++) {
      const BB = await mm(tasks[i].B, tasks[j].B, true, false); // r_i x r_j
      const AA = await mm(tasks[j].A, tasks[i].A, false, true); // r_j x r_i
      let s = 0;
      for (let a = 0; a < BB.rows; a++) for (let b = 0; b < BB.cols; b++) s += BB.data[a * BB.cols + b] * AA.data[b * AA.cols + a];
      gram[i][j] = gram[j][i] = s;
    }
  const insight = await assemble(name, right ? tasks[0].A.cols : tasks[0].B.rows, bases, gram, options, float64Engine, chanceTrials);
  return sideChoice ? { ...insight, sideChoice } : insight;
}

async function assemble(
  name: string,
  dim: number,
  bases: Found[],
  gram: number[][],
  options: DecomposeOptions,
  engine: MatmulEngine,
  chanceTrials: number,
): Promise<LayerInsight> {
  const ranks = bases.map((b) => b.rank);
  const shared = await sharedSubspace(bases.map((b) => b.U), options.eta, engine);
  return {
    name,
    dim,
    ranks,
    sharedDim: shared.Z.cols,
    chance: await chanceSharedDim(dim, ranks, options.eta, chanceTrials, options.seed + 1),
    eigenvalues: shared.eigenvalues,
    singularValues: bases.map((b) => b.sigma),
    similarity: await taskSimilarity(gram, bases.map((b) => b.U), engine),
  };
}
