import { type Mat, orthonormalColumns } from '../linalg/mat';
import { gaussian, mulberry32 } from '../util/random';

export interface PlantedSpec {
  /** Output dimension d (the side whose subspaces are compared). */
  d: number;
  /** Input dimension. */
  n: number;
  /** Number of tasks. */
  k: number;
  /** Dimension of the column subspace every task shares. */
  sharedDim: number;
  /** Private dimensions per task. */
  privateDim: number;
  /** Noise std relative to the signal's per-entry std. */
  noise: number;
  /** Strength of the shared directions relative to the strongest private one (private ones decay by 0.8 each, like real spectra). */
  sharedScale?: number;
  seed: number;
}

export interface PlantedTasks {
  tasks: Mat[];
  /** The true shared basis (d x sharedDim). */
  shared: Mat;
}

/**
 * Task matrices with a known answer: tau_i = S A_i + P_i B_i + noise, where S is shared by
 * all tasks and the P_i are private, all orthogonal to each other.
 */
export function plantedTasks(spec: PlantedSpec): PlantedTasks {
  const { d, n, k, sharedDim: s, privateDim: p, noise, seed } = spec;
  const scale = spec.sharedScale ?? 1.5;
  if (s + k * p > d) throw new Error(`planted: ${s} shared + ${k}x${p} private dimensions do not fit in d = ${d}`);
  const g = gaussian(mulberry32(seed));
  const cols = s + k * p;
  const Q = orthonormalColumns({ rows: d, cols, data: new Float64Array(d * cols).map(() => g()) });
  const noiseStd = noise * Math.sqrt(Math.max(s + p, 1) / d);
  const tasks: Mat[] = [];
  for (let t = 0; t < k; t++) {
    const data = new Float32Array(d * n);
    const dirs = [...Array.from({ length: s }, (_, j) => [j, scale]), ...Array.from({ length: p }, (_, j) => [s + t * p + j, 0.8 ** j])];
    for (const [col, w] of dirs) {
      const coef = Array.from({ length: n }, () => g() * w);
      for (let i = 0; i < d; i++) {
        const q = Q.data[i * cols + col];
        for (let j = 0; j < n; j++) data[i * n + j] += q * coef[j];
      }
    }
    for (let i = 0; i < data.length; i++) data[i] += noiseStd * g();
    tasks.push({ rows: d, cols: n, data });
  }
  const shared = new Float64Array(d * s);
  for (let i = 0; i < d; i++) for (let j = 0; j < s; j++) shared[i * s + j] = Q.data[i * cols + j];
  return { tasks, shared: { rows: d, cols: s, data: shared } };
}
