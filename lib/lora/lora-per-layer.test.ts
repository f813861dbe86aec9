import { describe, expect, it } from 'vitest';
import type { Mat } from '../linalg/mat';
import { parseRecipe } from '../recipe/schema';
import { gaussian, mulberry32 } from '../util/random';
import type { Adapter } from './adapter-module';
import { materialize } from './lora-factors';
import { loraRecipeEdit } from './lora-recipe';

const g = gaussian(mulberry32(23));
const randn = (rows: number, cols: number): Mat => ({ rows, cols, data: Float64Array.from({ length: rows * cols }, () => g()) });
const names = ['h.0.attn', 'h.1.attn', 'h.2.attn'];
const adapters: Adapter[] = [2, 3].map((r) => ({ format: 'peft', modules: names.map((name) => ({ name, alpha: r, weightShape: [5, 4], factors: { B: randn(5, r), A: randn(r, 4) } })) }));

describe('per-layer coefficients on LoRA tasks', () => {
  it('stay one exact LoRA: each module gets its layer\'s coefficient, filtered layers are left out', async () => {
    const recipe = parseRecipe({
      version: 1,
      models: { base: 'b', tasks: ['x', 'y'] },
      terms: [
        { task: 0, part: 'full', coefficient: 2, schedule: [1, 0] }, // 2, 1, 0 over layers 0..2
        { task: 1, part: 'full', coefficient: 1, layers: [1, 2] },
      ],
      method: { name: 'task_arithmetic', lambda: 0.5 },
    });
    const edit = await loraRecipeEdit(recipe, adapters);
    expect(edit.modules.map((m) => [m.name, m.factors.B.cols])).toEqual([['h.0.attn', 2], ['h.1.attn', 5], ['h.2.attn', 5]]);
    for (const [k, c0, c1] of [[0, 2, 0], [1, 1, 1], [2, 0, 1]]) {
      const got = await materialize(edit.modules[k].factors);
      const d0 = await materialize(adapters[0].modules[k].factors);
      const d1 = await materialize(adapters[1].modules[k].factors);
      got.data.forEach((x, i) => expect(x).toBeCloseTo(0.5 * (c0 * d0.data[i] + c1 * d1.data[i]), 10));
    }
  });
});
