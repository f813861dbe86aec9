import { type MatmulEngine, type Resident, multiply } from '../linalg/engine';
import type { Mat } from '../linalg/mat';
import { couplingBounds, RESIDUAL_STEPS } from './rank-certificate';
import { type RowSide, projectOut } from './row-side';

export interface CertificateBatch {
  /** Y^T Y: the block's Ritz values and vectors. */
  gram: Mat;
  /** W^T Y on the row side, for the next power iteration. */
  V: Resident;
  /** V^T V: the next iteration's first Gram matrix (of V S) without another read. */
  vv: Mat;
  /** The coupling bounds once the Gram matrix's eigenvectors G are known. */
  coupling(G: Mat): ReturnType<typeof couplingBounds>;
  /** Lower estimate of sigma_max(E)^2, E = W (I - Z^T Z) (turned into a bound by `residualSafetyFactor`). */
  residualTop: number;
}

/**
 * Everything one certificate check of the range finder may need, formed on the engine before it
 * is known to be needed and read back in one read: for a GPU, where each read waits for the
 * device, a few speculative thin products cost less than two more waits.
 *
 * Coupling: with Y^T Y = G Lambda G^T, the residual of Ritz direction i is
 * R g_i with R = W^T Y - Z^T (Y^T Y) (row side), still a difference formed on the engine, so
 * K = G^T (R^T R) G comes from the l x l matrix R^T R and the eigenvectors found on the host.
 *
 * Residual: the power steps of `residualTop` without orthonormalising between them (only scaled,
 * on the engine), and per column x the Rayleigh quotient of A^q x, A = E^T E. That is the
 * quantity m_{2q+1} / m_{2q} the proof of `residualSafetyFactor` bounds for each column alone, so
 * the largest over the columns carries the same guarantee; the columns may all turn toward the top
 * direction, which is what the estimate wants.
 */
export async function readCertificate(W: Resident, Y: Resident, Z: Resident, side: RowSide, engine: MatmulEngine, start: Mat): Promise<CertificateBatch> {
  const gramR = engine.mul(Y, Y, true, false);
  const V = side.fromLeft(Y);
  const ZG = side.times(Z, gramR);
  const R = engine.sub(V, ZG);
  engine.free(ZG);
  const RR = side.gram(R);
  engine.free(R);
  const VV = side.gram(V);

  const project = (X: Resident) => projectOut(X, Z, side, engine);
  let X = project(engine.upload(start, side.rows));
  for (let step = 0; step < RESIDUAL_STEPS; step++) {
    const WX = side.apply(X);
    engine.free(X);
    const HX = side.fromLeft(WX);
    engine.free(WX);
    const projected = project(HX);
    X = engine.unitNorm(projected);
    engine.free(projected);
  }
  const WX = side.apply(X);
  const XX = side.gram(X);
  const WXWX = engine.mul(WX, WX, true, false);
  engine.free(X, WX);

  const smalls = [gramR, RR, VV, XX, WXWX];
  const [gram, rr, vv, xx, wxwx] = await engine.readAll(smalls).finally(() => engine.free(...smalls));
  let residualTop = 0;
  for (let j = 0; j < xx.rows; j++) {
    const norm = xx.data[j * xx.cols + j];
    if (norm > 0) residualTop = Math.max(residualTop, wxwx.data[j * wxwx.cols + j] / norm);
  }
  return {
    gram,
    V,
    vv,
    coupling: (G) => couplingBounds(multiply(multiply(G, rr, true, false), G)),
    residualTop,
  };
}
