import { float64Engine } from '../linalg/engine';
import type { Mat } from '../linalg/mat';

/**
 * One module's low-rank update, delta W = B A, with the adapter's scale already folded into B.
 * B: d_out x r, A: r x d_in. A conv LoRA is the same with d_in = in_channels * kh * kw.
 */
export interface LoraFactors {
  B: Mat;
  A: Mat;
}

export const loraRank = (f: LoraFactors) => f.B.cols;

/** The dense d_out x d_in update (only for tests and small exports: it is what factor form avoids). */
export const materialize = (f: LoraFactors): Promise<Mat> => float64Engine.matmul(f.B, f.A);

/** delta W^T = A^T B^T: the right (input) side becomes the left. */
export const transposeFactors = (f: LoraFactors): LoraFactors => ({ B: t(f.A), A: t(f.B) });

/** sum_j c_j B_j A_j as one LoRA: B = [c_1 B_1 | c_2 B_2 | ...], A = [A_1; A_2; ...]. Exact. */
export function concatFactors(terms: { coefficient: number; factors: LoraFactors }[]): LoraFactors {
  const rows = terms[0]?.factors.B.rows ?? 0;
  const cols = terms[0]?.factors.A.cols ?? 0;
  const r = terms.reduce((n, x) => n + loraRank(x.factors), 0);
  const B = new Float64Array(rows * r);
  const A = new Float64Array(r * cols);
  let o = 0;
  for (const { coefficient, factors } of terms) {
    const ri = loraRank(factors);
    if (factors.B.rows !== rows || factors.A.cols !== cols) throw new Error(`LoRA terms differ in shape: ${factors.B.rows}x${factors.A.cols} vs ${rows}x${cols}`);
    for (let i = 0; i < rows; i++) for (let j = 0; j < ri; j++) B[i * r + o + j] = coefficient * factors.B.data[i * ri + j];
    A.set(factors.A.data, o * cols);
    o += ri;
  }
  return { B: { rows, cols: r, data: B }, A: { rows: r, cols, data: A } };
}

function t(a: Mat): Mat {
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out[j * a.rows + i] = a.data[i * a.cols + j];
  return { rows: a.cols, cols: a.rows, data: out };
}
