import type { WeightSet } from '../tensors/weight-set';
import { gaussian, mulberry32 } from '../util/random';

/** A tiny random "model": two matrices, a 3-D tensor and a bias, seeded. */
export function tinyModel(seed: number, scale = 1): WeightSet {
  const g = gaussian(mulberry32(seed));
  const t = (shape: number[]) => ({ shape, data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => g() * scale) });
  return { tensors: { 'layer.0.weight': t([12, 8]), 'layer.0.bias': t([12]), 'layer.1.weight': t([6, 12]), 'conv.weight': t([4, 3, 2]) } };
}

/** Base plus k fine-tunes that share a direction per matrix (small deltas, like real fine-tunes). */
export function tinyFamily(k: number, seed = 1): { base: WeightSet; tasks: WeightSet[] } {
  const base = tinyModel(seed);
  const shared = tinyModel(seed + 100, 0.1);
  const tasks = Array.from({ length: k }, (_, i) => {
    const own = tinyModel(seed + 200 + i, 0.05);
    const tensors: WeightSet['tensors'] = {};
    for (const [name, b] of Object.entries(base.tensors)) {
      tensors[name] = { shape: [...b.shape], data: b.data.map((x, j) => x + shared.tensors[name].data[j] + own.tensors[name].data[j]) };
    }
    return { tensors };
  });
  return { base, tasks };
}
