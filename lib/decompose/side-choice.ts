import { type Mat, orthonormalColumns } from '../linalg/mat';
import { chanceTopEigenvalue } from './chance-eigenvalue';

/** One side's evidence of sharing: its top chained eigenvalue and the null's 95th percentile. */
export interface SideEvidence {
  top: number;
  /** null: not computed, because neither side reached eta. */
  chance: number | null;
}

/**
 * Why `side: 'auto'` split a matrix where it did. `rule`: `margin` (this side stands furthest
 * above its null), `below-eta` (no eigenvalue reached eta on either side), `chance` (none above
 * its null), `tie` (equal margins); the last three keep the default, left.
 */
export interface SideChoice {
  side: 'left' | 'right';
  rule: 'margin' | 'below-eta' | 'chance' | 'tie';
  left: SideEvidence;
  right: SideEvidence;
}

export interface SideSpectra {
  /** Dimension of the side's space (d_out on the left, d_in on the right). */
  dim: number;
  /** Chained-projection eigenvalue moduli, descending. */
  eigenvalues: number[];
}

/**
 * The auto rule (docs/method.md): margin = top chained eigenvalue minus the null's 95th
 * percentile on each side; a side counts only if its top reaches eta and its margin is positive,
 * and the larger margin wins. Ties and nothing above the null go left, so a matrix without
 * sharing is split as before. The null is drawn only when a side reaches eta.
 */
export async function chooseSide(left: SideSpectra, right: SideSpectra, ranks: number[], eta: number, trials = 20): Promise<SideChoice> {
  const top = (s: SideSpectra) => s.eigenvalues[0] ?? 0;
  if (top(left) < eta && top(right) < eta) return { side: 'left', rule: 'below-eta', left: { top: top(left), chance: null }, right: { top: top(right), chance: null } };
  const evidence = async (s: SideSpectra): Promise<SideEvidence> => ({ top: top(s), chance: (await chanceTopEigenvalue(s.dim, ranks, trials, 1)).p95 });
  const l = await evidence(left);
  const r = await evidence(right);
  const margin = (e: SideEvidence) => (e.top >= eta && e.top > e.chance! ? e.top - e.chance! : -Infinity);
  const [ml, mr] = [margin(l), margin(r)];
  const rule = ml === -Infinity && mr === -Infinity ? 'chance' : ml === mr ? 'tie' : 'margin';
  return { side: rule === 'margin' && mr > ml ? 'right' : 'left', rule, left: l, right: r };
}

/**
 * The right singular subspace from the left one of the same SVD: span(W^T U_r) = span(V_r),
 * since W^T u_j = sigma_j v_j. `WtU` is W^T U (d_in x r); dividing by sigma keeps it well scaled.
 */
export function rightFromLeft(WtU: Mat, sigma: number[]): Mat {
  const { rows, cols } = WtU;
  const data = Float64Array.from(WtU.data);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[i * cols + j] /= sigma[j] || 1;
  return orthonormalColumns({ rows, cols, data });
}

/** "right: eig 0.97 vs null 0.01; left 0.59" -- the chosen side first. */
export function describeSideChoice(c: SideChoice): string {
  const f = (x: number) => x.toFixed(2);
  const one = (e: SideEvidence) => `${f(e.top)}${e.chance === null ? '' : ` vs null ${f(e.chance)}`}`;
  const other = c.side === 'left' ? 'right' : 'left';
  const why = c.rule === 'below-eta' ? ' (none reached η: default)' : c.rule === 'chance' ? ' (none above null: default)' : c.rule === 'tie' ? ' (tie: default)' : '';
  return `${c.side}${why}: eig ${one(c[c.side])}; ${other} ${one(c[other])}`;
}

/** "right 2, left 10": how many matrices auto split on each side. */
export function tallySides(choices: (SideChoice | undefined)[]): string {
  const count = (side: SideChoice['side']) => choices.filter((c) => c?.side === side).length;
  return `right ${count('right')}, left ${count('left')}`;
}
