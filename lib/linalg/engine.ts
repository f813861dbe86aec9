import { type Mat, frobenius2 } from './mat';

/** A matrix kept on the engine between products (a tf.Tensor on tfjs). Free it when done. */
export interface Resident {
  readonly rows: number;
  readonly cols: number;
}

/**
 * Where the big products run, in float32 on a tensor backend (tfjs) or in float64 for reference.
 * `matmul` copies both operands in and reads the product back: fine for small matrices. Big ones
 * are uploaded once (`upload`), multiplied where they live (`mul`) and only small results are
 * read back (`read`), so a layer crosses to the device once per decomposition.
 */
export interface MatmulEngine {
  readonly name: string;
  matmul(a: Mat, b: Mat, transposeA?: boolean, transposeB?: boolean): Promise<Mat>;
  /** Copies a (or its transpose) onto the engine. */
  upload(a: Mat, transpose?: boolean): Resident;
  /**
   * op(A) op(B), kept on the engine. Transposing is explicit and costs a copy of that operand,
   * so callers transpose the thin one, not the layer (except where `transposeLayerFirst` says so).
   */
  mul(a: Resident, b: Resident, transposeA?: boolean, transposeB?: boolean): Resident;
  /** a - b (same shapes), kept on the engine: for residuals whose two terms nearly cancel. */
  sub(a: Resident, b: Resident): Resident;
  /** alpha a + beta b (same shapes), kept on the engine. */
  combine(a: Resident, alpha: number, b: Resident, beta: number): Resident;
  /** a / ||a||_F, kept on the engine (the norm is never read): keeps power iterations in range. */
  unitNorm(a: Resident): Resident;
  read(a: Resident): Promise<Mat>;
  /** Several matrices in one read: on a GPU every read waits for the device, so small ones go together. */
  readAll(a: Resident[]): Promise<Mat[]>;
  /**
   * Whether a read costs a wait for the device (WebGPU): callers then trade a few extra thin
   * products for fewer reads. On wasm and cpu a read is a copy, and the cheaper products win.
   */
  readonly fewReads: boolean;
  free(...a: Resident[]): void;
  /** Bytes held on the engine right now (tfjs: every live tensor of the backend). */
  heldBytes(): number;
}

/**
 * Whether a product W^T X (W a layer of rows x cols on the engine, X thin) should transpose the
 * layer explicitly and keep it on the left, instead of forming X^T W with the layer on the right.
 * tfjs-wasm repacks a right operand on its first use, which for a layer with tens of thousands of
 * rows costs several products: for the 50257 x 768 GPT-2 token embedding, Q^T W took 1.4 s of CPU
 * in Node against 0.5 s for transposing W and forming W^T Q. Below that size the repacking is
 * cheaper than the transpose.
 */
export const transposeLayerFirst = (rows: number, cols: number): boolean => rows >= 16384 && rows >= 8 * cols;

/** C = op(A) op(B) in float64 loops. */
export function multiply(a: Mat, b: Mat, ta = false, tb = false): Mat {
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
}

/**
 * Plain float64 loops: the reference the tensor engines are checked against. Residents are host
 * copies. `fewReads` takes the paths a GPU would, to check they give the same results.
 */
export function makeFloat64Engine(fewReads = false): MatmulEngine {
  const live = new Set<Mat>();
  const own = (m: Mat) => (live.add(m), m);
  const copy = (m: Mat): Mat => ({ rows: m.rows, cols: m.cols, data: m.data.slice() });
  return {
    name: 'float64',
    async matmul(a, b, ta = false, tb = false) {
      return multiply(a, b, ta, tb);
    },
    upload(a, transpose = false) {
      if (!transpose) return own({ rows: a.rows, cols: a.cols, data: Float64Array.from(a.data) });
      const out = new Float64Array(a.data.length);
      for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out[j * a.rows + i] = a.data[i * a.cols + j];
      return own({ rows: a.cols, cols: a.rows, data: out });
    },
    mul(a, b, ta = false, tb = false) {
      return own(multiply(a as Mat, b as Mat, ta, tb));
    },
    sub(a, b) {
      const x = a as Mat;
      const y = b as Mat;
      return own({ rows: x.rows, cols: x.cols, data: x.data.map((v, i) => v - y.data[i]) });
    },
    combine(a, alpha, b, beta) {
      const x = a as Mat;
      const y = b as Mat;
      return own({ rows: x.rows, cols: x.cols, data: x.data.map((v, i) => alpha * v + beta * y.data[i]) });
    },
    unitNorm(a) {
      const x = a as Mat;
      const norm = Math.sqrt(frobenius2(x));
      return own({ rows: x.rows, cols: x.cols, data: x.data.map((v) => (norm > 0 ? v / norm : 0)) });
    },
    async read(a) {
      return copy(a as Mat);
    },
    async readAll(a) {
      return a.map((m) => copy(m as Mat));
    },
    fewReads,
    free(...a) {
      for (const m of a) live.delete(m as Mat);
    },
    heldBytes() {
      let bytes = 0;
      for (const m of live) bytes += m.data.byteLength;
      return bytes;
    },
  };
}

export const float64Engine: MatmulEngine = makeFloat64Engine();
