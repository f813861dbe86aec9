import { type MatmulEngine, type Resident, transposeLayerFirst } from '../linalg/engine';
import { type Mat, frobenius2, transpose } from '../linalg/mat';
import { energyMatchedSubspace, randomSubspace, topSingularSubspace } from './controls';
import { type FactoredSplit, materialiseShared } from './factored';
import type { DecomposeOptions } from './options';
import { SPECTRUM_ONLY, type SharedSubspace, sharedSubspace } from './shared-subspace';
import { type SideChoice, chooseSide, rightFromLeft } from './side-choice';
import { type BasisHint, type BasisPath, type TaskBasis, residentBasis } from './task-basis';

export interface MatrixDiagnostics {
  /** r_i per task (0 for tasks outside `over`, whose subspaces are not needed). */
  ranks: number[];
  /** Chained-projection eigenvalue moduli, descending (k = 2: cos^2 of principal angles). */
  eigenvalues: number[];
  /** Principal angles in degrees (k = 2 only). */
  anglesDeg?: number[];
  sharedDim: number;
  /** ||shared_i||^2 / ||tau_i||^2 per task (0 for a zero task vector). */
  sharedEnergy: number[];
  /** Per task, the path that found its subspace (null: zero matrix or not needed). */
  basisPaths?: ('exact' | 'randomized' | null)[];
  /** Side 'auto' only: the side this matrix was split on and the evidence for it. */
  sideChoice?: SideChoice;
}

export interface MatrixSplit {
  /** Orthonormal basis of the shared subspace (d x s, in the chosen side's space). */
  basis: Mat;
  shared: Float32Array[];
  unique: Float32Array[];
  diagnostics: MatrixDiagnostics;
}

export interface FactoredMatrices {
  split: FactoredSplit;
  diagnostics: MatrixDiagnostics;
}

/**
 * METHOD.md per matrix: task subspaces by energy rank, the shared subspace Z invariant under
 * every projection, then the factors F_i = Z^T W_i from which shared_i = Z F_i and
 * unique_i = W_i - shared_i (exact sum) are formed on demand. Ws are d_out x d_in views of the
 * task vectors of one tensor. Each W_i is uploaded once (transposed for the right side; side
 * 'auto' uploads it again, transposed, when it picks the right side) and stays on the engine until
 * its factor is read back: the engine holds k of them at most.
 */
export async function factorMatrices(
  Ws: Mat[],
  options: DecomposeOptions,
  engine: MatmulEngine,
  path: BasisPath = 'auto',
  /** ||W_i||_F^2 when the caller already has them (computed here otherwise). */
  totals: number[] = Ws.map(frobenius2),
  /**
   * Task rank last found per layer shape, read and updated here: the range finder starts from it
   * (`firstBlock`). Shared across the tensors of one model; a fresh map for each decomposition
   * keeps results independent of what was decomposed before.
   */
  rankHints: Map<string, BasisHint> = new Map(),
): Promise<FactoredMatrices> {
  const over = options.over ?? Ws.map((_, i) => i);
  let right = options.side === 'right';
  let residents = Ws.map((W) => engine.upload(W, right));
  try {
    let bases = await taskBases(residents, over, totals, options, engine, path, rankHints);
    let sideChoice: SideChoice | undefined;
    if (options.side === 'auto') {
      // Left bases as side 'left' finds them; the right side's evidence from the same SVDs.
      const rightBases: Mat[] = [];
      for (const [j, i] of over.entries()) rightBases.push(await otherSide(residents[i], bases.found[j], engine));
      const evidence = await sharedSubspace(rightBases, SPECTRUM_ONLY, engine);
      const { rows, cols } = Ws[0];
      sideChoice = await chooseSide({ dim: rows, eigenvalues: bases.shared.eigenvalues }, { dim: cols, eigenvalues: evidence.eigenvalues }, bases.ranks, options.eta);
      if (sideChoice.side === 'right') {
        // Split exactly as side 'right' does: its own task subspaces of the transposed layer.
        right = true;
        engine.free(...residents.splice(0));
        residents = Ws.map((W) => engine.upload(W, true));
        bases = await taskBases(residents, over, totals, options, engine, path, rankHints);
      }
    }
    const result = await splitOnBases(Ws, residents, over, totals, bases, right, options, engine, path);
    if (sideChoice) result.diagnostics.sideChoice = sideChoice;
    return result;
  } finally {
    engine.free(...residents.splice(0));
  }
}

interface FoundBases {
  found: TaskBasis[];
  ranks: number[];
  basisPaths: ('exact' | 'randomized' | null)[];
  shared: SharedSubspace;
}

/** Task subspaces of the residents in `over` (in the orientation they were uploaded) and the subspace they share. */
async function taskBases(residents: Resident[], over: number[], totals: number[], options: DecomposeOptions, engine: MatmulEngine, path: BasisPath, rankHints: Map<string, BasisHint>): Promise<FoundBases> {
  const ranks = new Array<number>(residents.length).fill(0);
  const basisPaths = new Array<'exact' | 'randomized' | null>(residents.length).fill(null);
  const found: TaskBasis[] = [];
  const shapeKey = `${residents[0].rows}x${residents[0].cols}`;
  for (const i of over) {
    const b = await residentBasis(residents[i], totals[i], options.energy, options.maxRank, engine, path, rankHints.get(shapeKey) ?? null);
    if (totals[i] > 0) rankHints.set(shapeKey, { rank: b.rank, powerSteps: b.powerSteps ?? 1 });
    ranks[i] = b.rank;
    basisPaths[i] = b.path ?? null;
    found.push(b);
  }
  return { found, ranks, basisPaths, shared: await sharedSubspace(found.map((b) => b.U), options.eta, engine) };
}

/** The right singular subspace of a resident W from its left one: one W^T U product. */
async function otherSide(W: Resident, b: TaskBasis, engine: MatmulEngine): Promise<Mat> {
  if (b.rank === 0) return { rows: W.cols, cols: 0, data: new Float64Array(0) };
  const U = engine.upload(b.U);
  const product = engine.mul(W, U, true, false);
  engine.free(U);
  const WtU = await engine.read(product);
  engine.free(product);
  return rightFromLeft(WtU, b.sigma);
}

/** The factors F_i = Z^T W_i (of the residents' orientation) on the shared subspace, or on a control of its size. */
async function splitOnBases(
  Ws: Mat[],
  residents: Resident[],
  over: number[],
  totals: number[],
  bases: FoundBases,
  right: boolean,
  options: DecomposeOptions,
  engine: MatmulEngine,
  path: BasisPath,
): Promise<FactoredMatrices> {
  const { rows, cols } = Ws[0];
  const d = right ? cols : rows;
  const { ranks, basisPaths, shared: found } = bases;
  let Z = found.Z;
  if (options.control !== 'none' && Z.cols > 0) {
    if (options.control === 'random') Z = randomSubspace(d, Z.cols, options.seed);
    else if (options.control === 'top-singular') Z = await topSingularSubspace(over.map((i) => Ws[i]), Z.cols, right, engine, path);
    else Z = await energyMatchedSubspace(Ws, over, Z, right, engine, path);
  }

  // F_i = Z^T W_i for every task, read back together.
  const Zr = Z.cols > 0 ? engine.upload(Z) : null;
  const tall = residents.map((W) => transposeLayerFirst(W.rows, W.cols));
  const products = Zr ? residents.map((W, i) => (tall[i] ? engine.mul(W, Zr, true, false) : engine.mul(Zr, W, true, false))) : [];
  const read = await engine.readAll(products).finally(() => engine.free(...products));
  const factors: Mat[] = residents.map((W, i) =>
    Zr ? (tall[i] ? transpose(read[i]) : read[i]) : { rows: 0, cols: W.cols, data: new Float32Array(0) },
  );
  // Z is orthonormal, so ||Z F||^2 = ||F||^2.
  const sharedEnergy = factors.map((F, i) => (totals[i] > 0 ? frobenius2(F) / totals[i] : 0));
  if (Zr) engine.free(Zr);

  const diagnostics: MatrixDiagnostics = { ranks, eigenvalues: found.eigenvalues, sharedDim: Z.cols, sharedEnergy, basisPaths };
  if (over.length === 2) diagnostics.anglesDeg = found.eigenvalues.map((c2) => (Math.acos(Math.sqrt(Math.min(1, c2))) * 180) / Math.PI);
  return { split: { side: right ? 'right' : 'left', rows, cols, basis: Z, factors }, diagnostics };
}

/** `factorMatrices` with every shared and unique part formed: for small matrices and tests. */
export async function decomposeMatrices(Ws: Mat[], options: DecomposeOptions, engine: MatmulEngine, path: BasisPath = 'auto'): Promise<MatrixSplit> {
  const { split, diagnostics } = await factorMatrices(Ws, options, engine, path);
  const shared = Ws.map((_, i) => materialiseShared(split, i));
  const unique = Ws.map((W, i) => {
    const u = Float32Array.from(W.data);
    for (let j = 0; j < u.length; j++) u[j] -= shared[i][j];
    return u;
  });
  return { basis: split.basis, shared, unique, diagnostics };
}
