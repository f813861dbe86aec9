import type { Mat } from '../linalg/mat';

/** A task's subspace as either path finds it (its own file so both paths import it, not each other). */
export interface TaskBasis {
  /** Orthonormal d x r basis of the task's column space (the top-r left singular vectors). */
  U: Mat;
  /** All singular values found, descending (their squares are the spectrum of the Gram matrix). */
  sigma: number[];
  rank: number;
  /** Which path found it (absent for a zero matrix). */
  path?: 'exact' | 'randomized';
  /** Randomized path: the power steps its block took before the rank was certified. */
  powerSteps?: number;
}

/**
 * What the layer of the same shape found just before (the previous task of a tensor, or the same
 * tensor of the previous transformer block): where the range finder starts.
 */
export interface BasisHint {
  rank: number;
  /** Power steps it needed: a layer of the same spectrum is not certified after fewer. */
  powerSteps: number;
}
