/** A dense row-major matrix. Float32 for weights on the tensor engine, Float64 for small exact work. */
export interface Mat {
  rows: number;
  cols: number;
  data: Float32Array | Float64Array;
}

export const mat = (rows: number, cols: number, data?: Float32Array | Float64Array): Mat => ({
  rows,
  cols,
  data: data ?? new Float64Array(rows * cols),
});

export function transpose(a: Mat): Mat {
  const out = new (a.data.constructor as Float32ArrayConstructor | Float64ArrayConstructor)(a.data.length);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out[j * a.rows + i] = a.data[i * a.cols + j];
  return { rows: a.cols, cols: a.rows, data: out };
}

/** Sum of squares, accumulated in float64. One loop per array type keeps each one monomorphic (fast). */
export function frobenius2(a: Mat): number {
  return a.data instanceof Float32Array ? sumSquares32(a.data) : sumSquares64(a.data as Float64Array);
}

function sumSquares32(d: Float32Array): number {
  let s = 0;
  for (let i = 0; i < d.length; i++) s += d[i] * d[i];
  return s;
}

function sumSquares64(d: Float64Array): number {
  let s = 0;
  for (let i = 0; i < d.length; i++) s += d[i] * d[i];
  return s;
}

/** Columns [0, n) of a. */
export function leadingColumns(a: Mat, n: number): Mat {
  const out = new Float64Array(a.rows * n);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < n; j++) out[i * n + j] = a.data[i * a.cols + j];
  return { rows: a.rows, cols: n, data: out };
}

/**
 * Orthonormal basis of the column span by modified Gram-Schmidt in float64, twice for stability.
 * Columns that are (numerically) dependent on earlier ones are dropped.
 */
export function orthonormalColumns(a: Mat, tol = 1e-9): Mat {
  const { rows, cols } = a;
  const kept: Float64Array[] = [];
  for (let j = 0; j < cols; j++) {
    const v = new Float64Array(rows);
    for (let i = 0; i < rows; i++) v[i] = a.data[i * cols + j];
    const norm0 = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    if (norm0 === 0) continue;
    for (let pass = 0; pass < 2; pass++) {
      for (const q of kept) {
        let dot = 0;
        for (let i = 0; i < rows; i++) dot += q[i] * v[i];
        for (let i = 0; i < rows; i++) v[i] -= dot * q[i];
      }
    }
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    if (norm <= tol * norm0) continue;
    for (let i = 0; i < rows; i++) v[i] /= norm;
    kept.push(v);
  }
  const out = new Float64Array(rows * kept.length);
  kept.forEach((q, j) => q.forEach((x, i) => (out[i * kept.length + j] = x)));
  return { rows, cols: kept.length, data: out };
}
