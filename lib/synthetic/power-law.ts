import type { Mat } from '../linalg/mat';
import { gaussian, mulberry32 } from '../util/random';

/** d x n task matrix: r random rank-one terms with weights j^-power (a power-law spectrum) plus Gaussian noise. */
export function powerLawMatrix(d: number, n: number, r: number, power: number, noise: number, seed: number): Mat {
  const g = gaussian(mulberry32(seed));
  const data = new Float64Array(d * n);
  for (let j = 0; j < r; j++) {
    const s = (j + 1) ** -power;
    const u = Array.from({ length: d }, () => g() / Math.sqrt(d));
    const v = Array.from({ length: n }, () => (s * g()) / Math.sqrt(n));
    for (let a = 0; a < d; a++) for (let b = 0; b < n; b++) data[a * n + b] += u[a] * v[b];
  }
  for (let i = 0; i < data.length; i++) data[i] += (noise * g()) / Math.sqrt(d * n);
  return { rows: d, cols: n, data };
}
