import type { MatmulEngine } from '../linalg/engine';
import type { Mat } from '../linalg/mat';
import { chanceMeanCos2 } from './chance-level';

export interface TaskSimilarity {
  /** cos(tau_i, tau_j) of the flattened task vectors. */
  cosine: number[][];
  /** Mean cos^2 of the principal angles between task subspaces: ||U_i^T U_j||_F^2 / min(r_i, r_j). */
  meanCos2: number[][];
  /** meanCos2 of random subspaces of the same ranks (the chance level). */
  chanceMeanCos2: number[][];
}

/** Task-by-task similarity of one layer, from the Gram entries <tau_i, tau_j> and the task bases. */
export async function taskSimilarity(gram: number[][], bases: Mat[], engine: MatmulEngine): Promise<TaskSimilarity> {
  const k = gram.length;
  const d = bases[0]?.rows ?? 0;
  const grid = () => Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const cosine = grid(), meanCos2 = grid(), chance = grid();
  for (let i = 0; i < k; i++)
    for (let j = i; j < k; j++) {
      const den = Math.sqrt(gram[i][i] * gram[j][j]);
      cosine[i][j] = cosine[j][i] = den > 0 ? gram[i][j] / den : 0;
      const ri = bases[i].cols, rj = bases[j].cols;
      let c2 = 0;
      if (ri && rj) {
        const C = await engine.matmul(bases[i], bases[j], true, false);
        for (const x of C.data) c2 += x * x;
        c2 /= Math.min(ri, rj);
      }
      meanCos2[i][j] = meanCos2[j][i] = Math.min(1, c2);
      chance[i][j] = chance[j][i] = chanceMeanCos2(d, ri, rj);
    }
  return { cosine, meanCos2, chanceMeanCos2: chance };
}

/** <tau_i, tau_j> over dense task vectors. */
export function denseGram(taus: ArrayLike<number>[]): number[][] {
  return taus.map((a) =>
    taus.map((b) => {
      let s = 0;
      for (let x = 0; x < a.length; x++) s += a[x] * b[x];
      return s;
    }),
  );
}
