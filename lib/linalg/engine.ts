import type { Mat } from './mat';

/**
 * Where the big products run. The decomposition only needs C = op(A) * op(B);
 * a tensor backend (tfjs) does it in float32, the reference engine in float64.
 */
export interface MatmulEngine {
  readonly name: string;
  matmul(a: Mat, b: Mat, transposeA?: boolean, transposeB?: boolean): Promise<Mat>;
}

/** Plain float64 loops: the reference the tensor engines are checked against. */
export const float64Engine: MatmulEngine = {
  name: 'float64',
  async matmul(a, b, ta = false, tb = false) {
    const m = ta ? a.cols : a.rows;
    const k = ta ? a.rows : a.cols;
    const n = tb ? b.rows : b.cols;
    if ((tb ? b.cols : b.rows) !== k) throw new Error(`matmul: inner dimensions ${k} and ${tb ? b.cols : b.rows} differ`);
    const out = new Float64Array(m * n);
    const A = a.data;
    const B = b.data;
    for (let i = 0; i < m; i++) {
      for (let p = 0; p < k; p++) {
        const aip = ta ? A[p * a.cols + i] : A[i * a.cols + p];
        if (aip === 0) continue;
        const row = i * n;
        if (tb) for (let j = 0; j < n; j++) out[row + j] += aip * B[j * b.cols + p];
        else {
          const brow = p * b.cols;
          for (let j = 0; j < n; j++) out[row + j] += aip * B[brow + j];
        }
      }
    }
    return { rows: m, cols: n, data: out };
  },
};
