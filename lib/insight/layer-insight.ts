import { sharedSubspace } from '../decompose/shared-subspace';
import type { DecomposeOptions } from '../decompose/options';
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
}

/** One layer of full fine-tunes: task vectors as d_out x d_in matrices (conv kernels flattened). */
export async function layerInsight(name: string, taus: Mat[], options: DecomposeOptions, engine: MatmulEngine, chanceTrials = 20): Promise<LayerInsight> {
  const views = options.side === 'right' ? taus.map(transpose) : taus;
  const bases = [];
  for (const W of views) bases.push(await taskBasis(W, options.energy, options.maxRank, engine));
  return assemble(name, views[0].rows, bases, denseGram(taus.map((t) => t.data)), options, engine, chanceTrials);
}

/** One layer of LoRA tasks, in factor form: <B_i A_i, B_j A_j> = tr((B_i^T B_j)(A_j A_i^T)). */
export async function loraLayerInsight(name: string, tasks: LoraFactors[], options: DecomposeOptions, chanceTrials = 20): Promise<LayerInsight> {
  const views = options.side === 'right' ? tasks.map(transposeFactors) : tasks;
  const bases = [];
  for (const f of views) bases.push(await factorTaskBasis(f, options.energy, options.maxRank));
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
  return assemble(name, views[0].B.rows, bases, gram, options, float64Engine, chanceTrials);
}

async function assemble(
  name: string,
  dim: number,
  bases: { U: Mat; sigma: number[]; rank: number }[],
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
