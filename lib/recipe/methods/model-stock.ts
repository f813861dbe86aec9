// Model Stock (Jang, Yun, Han, ECCV 2024): https://arxiv.org/abs/2403.19522
//   per tensor (or per row, filterWise): cos = mean over task pairs of cos(tau_i, tau_j),
//   t = k cos / (1 + (k - 1) cos);  theta = theta_0 + lambda * t * mean_t tau_t
// As mergekit's model_stock (norms floored at 1e-6). One deliberate difference: the mean cosine is
// clamped to [0, 1], so opposed task vectors keep the base (t = 0) instead of crossing the pole at
// cos = -1 / (k - 1). One task: t = 1, the task vector itself.
import { z } from 'zod';
import type { EditMethod } from './method';

export const modelStockParams = z
  .object({
    name: z.literal('model_stock'),
    lambda: z.number().min(-10).max(10).default(1),
    /** One t per row (first dimension) instead of per tensor (mergekit's filter_wise). */
    filterWise: z.boolean().default(false),
  })
  .strict();
export type ModelStockParams = z.output<typeof modelStockParams>;

/** Model Stock's interpolation factor for k vectors over entries [from, to). */
export function stockRatio(vectors: readonly Float32Array[], from: number, to: number): number {
  const k = vectors.length;
  if (k < 2) return 1;
  const norm = (v: Float32Array) => {
    let s = 0;
    for (let i = from; i < to; i++) s += v[i] * v[i];
    return Math.sqrt(s);
  };
  const norms = vectors.map(norm);
  let total = 0, pairs = 0;
  for (let a = 0; a < k; a++)
    for (let b = a + 1; b < k; b++) {
      let dot = 0;
      for (let i = from; i < to; i++) dot += vectors[a][i] * vectors[b][i];
      total += Math.min(1, Math.max(-1, dot / Math.max(1e-6, norms[a] * norms[b])));
      pairs++;
    }
  const cos = Math.min(1, Math.max(0, total / pairs));
  return (k * cos) / (1 + (k - 1) * cos);
}

export const modelStock: EditMethod<ModelStockParams> = {
  name: 'model_stock',
  title: 'Model Stock',
  paper: 'https://arxiv.org/abs/2403.19522',
  equation: 'theta_0 + lambda * t * mean_t tau_t, t = k cos / (1 + (k - 1) cos), cos = mean pairwise cosine',
  params: modelStockParams as z.ZodType<ModelStockParams>,
  apply(vectors, { lambda, filterWise }, out, ctx) {
    const rows = filterWise && ctx && ctx.shape.length > 1 ? ctx.shape[0] : 1;
    const cols = out.length / rows;
    for (let r = 0; r < rows; r++) {
      const from = r * cols, to = from + cols;
      const scale = (lambda * stockRatio(vectors, from, to)) / vectors.length;
      for (let i = from; i < to; i++) {
        let s = 0;
        for (const v of vectors) s += v[i];
        out[i] = scale * s;
      }
    }
  },
};
