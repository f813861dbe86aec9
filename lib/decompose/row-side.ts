import { type MatmulEngine, type Resident, transposeLayerFirst } from '../linalg/engine';

/**
 * The layer's row side, in the orientation its thin blocks are kept: l x d_in rows (Q^T W), or
 * d_in x l columns (W^T Q) for a layer tall enough to be transposed first (`transposeLayerFirst`).
 */
export function rowSide(W: Resident, engine: MatmulEngine) {
  const rows = !transposeLayerFirst(W.rows, W.cols);
  return {
    rows,
    /** W^T M for M of d_out x l. */
    fromLeft: (M: Resident) => (rows ? engine.mul(M, W, true, false) : engine.mul(W, M, true, false)),
    /** W X for a row-side block X: d_out x l. */
    apply: (X: Resident) => (rows ? engine.mul(W, X, false, true) : engine.mul(W, X)),
    /** X S for a row-side block X and a small l x l' matrix S. */
    times: (X: Resident, S: Resident) => (rows ? engine.mul(S, X, true, false) : engine.mul(X, S)),
    /** X^T B: the l x b coordinates of row-side block B on the columns of X. */
    coordinates: (X: Resident, B: Resident) => (rows ? engine.mul(X, B, false, true) : engine.mul(X, B, true, false)),
    /** X^T X. */
    gram: (X: Resident) => (rows ? engine.mul(X, X, false, true) : engine.mul(X, X, true, false)),
  };
}
export type RowSide = ReturnType<typeof rowSide>;

/** X (I - Z^T Z) on the row side: a row-side block with span(Z) projected out. Frees X. */
export function projectOut(X: Resident, Z: Resident, side: RowSide, engine: MatmulEngine): Resident {
  const A = side.coordinates(Z, X);
  const ZA = side.times(Z, A);
  const out = engine.sub(X, ZA);
  engine.free(A, ZA, X);
  return out;
}
