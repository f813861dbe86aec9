import { describe, expect, it } from 'vitest';
import { decomposeMatrices } from '../decompose/decompose-matrices';
import { float64Engine } from '../linalg/engine';
import type { Mat } from '../linalg/mat';
import { parseRecipe } from '../recipe/schema';
import { readSafetensors, writeSafetensors } from '../tensors/safetensors';
import { gaussian, mulberry32 } from '../util/random';
import type { Adapter } from './adapter-module';
import { readKohyaLora, writeKohyaLora } from './kohya-lora';
import { type LoraFactors, materialize } from './lora-factors';
import { loraRecipeEdit } from './lora-recipe';
import { parsePeftConfig, readPeftAdapter, writePeftAdapter } from './peft-adapter';
import { truncateLora } from './truncate-lora';

const randn = (rows: number, cols: number, g: () => number, s = 1): Mat => ({ rows, cols, data: Float64Array.from({ length: rows * cols }, () => s * g()) });

/** Two kohya-style adapters on one 24 x 16 module whose B's share a direction. */
function adapters(seed: number): Adapter[] {
  const g = gaussian(mulberry32(seed));
  const common = randn(24, 1, g, 3);
  return [0, 1].map(() => {
    const own = randn(24, 3, g);
    const B: Mat = { rows: 24, cols: 4, data: new Float64Array(96) };
    for (let i = 0; i < 24; i++) for (let j = 0; j < 4; j++) B.data[i * 4 + j] = j === 0 ? common.data[i] : own.data[i * 3 + j - 1];
    return { format: 'kohya' as const, modules: [{ name: 'lora_unet_mid_block_attn1_to_q', alpha: 4, weightShape: [24, 16], factors: { B, A: randn(4, 16, g, 0.5) } }] };
  });
}

const maxRel = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let num = 0, den = 0;
  for (let i = 0; i < a.length; i++) (num = Math.max(num, Math.abs(a[i] - b[i]))), (den = Math.max(den, Math.abs(b[i])));
  return num / (den || 1);
};

const recipe = (terms: { task: number; part: 'shared' | 'unique' | 'full'; coefficient: number }[], method: object = { name: 'task_arithmetic', lambda: 0.8 }) =>
  parseRecipe({ version: 1, models: { base: 'base', tasks: ['a', 'b'] }, decomposition: { energy: 0.95 }, terms, method });

describe('a recipe over LoRA tasks', () => {
  it('is one LoRA of the summed rank that equals the dense recipe, and survives export and re-reading', async () => {
    const inputs = adapters(3);
    const r = recipe([
      { task: 0, part: 'unique', coefficient: 1 },
      { task: 1, part: 'unique', coefficient: 0.5 },
      { task: 0, part: 'shared', coefficient: 1 },
    ]);
    const edit = await loraRecipeEdit(r, inputs);
    expect(edit.modules[0].factors.B.cols).toBe(12);
    expect(edit.droppedEnergy).toBe(0);
    // Dense reference: the same decomposition on the materialised updates, then the same sum.
    const dense = await Promise.all(inputs.map((a) => materialize(a.modules[0].factors)));
    const split = await decomposeMatrices(dense, r.decomposition, float64Engine);
    const want = split.unique[0].map((x, i) => 0.8 * (x + 0.5 * split.unique[1][i] + split.shared[0][i]));
    // Written as a kohya file and as a PEFT folder, then read back by the loaders.
    const kohya = readKohyaLora(readSafetensors(writeSafetensors(writeKohyaLora(edit.modules))));
    expect(maxRel((await materialize(kohya.modules[0].factors)).data, want)).toBeLessThan(1e-5);
    const peft = writePeftAdapter(edit.modules.map((m) => ({ ...m, name: 'unet.mid_block.attn1.to_q' })), { lora_alpha: 12 });
    const back = readPeftAdapter(readSafetensors(writeSafetensors(peft.weights)), parsePeftConfig(JSON.stringify(peft.config)));
    expect(back.modules[0].factors.B.cols).toBe(12);
    expect(maxRel((await materialize(back.modules[0].factors)).data, want)).toBeLessThan(1e-5);
  });

  it('negation flips the sign; TIES is refused with the way out', async () => {
    const inputs = adapters(4);
    const neg = await loraRecipeEdit(recipe([{ task: 1, part: 'full', coefficient: 1 }], { name: 'negation', lambda: 2 }), inputs);
    const want = (await materialize(inputs[1].modules[0].factors)).data.map((x) => -2 * x);
    expect(maxRel((await materialize(neg.modules[0].factors)).data, want)).toBeLessThan(1e-12);
    await expect(loraRecipeEdit(recipe([{ task: 0, part: 'full', coefficient: 1 }], { name: 'ties', lambda: 1, density: 0.2, election: 'mass' }), inputs)).rejects.toThrow(/--format full/);
  });

  it('--rank truncation keeps the best rank-N part and reports the energy it drops', async () => {
    const inputs = adapters(5);
    const edit = await loraRecipeEdit(recipe([{ task: 0, part: 'full', coefficient: 1 }, { task: 1, part: 'full', coefficient: 1 }]), inputs, { rank: 3 });
    expect(edit.modules[0].factors.B.cols).toBe(3);
    expect(edit.droppedEnergy).toBeGreaterThan(0);
    expect(edit.droppedEnergy).toBeLessThan(1);
    // The dropped share is what the truncation really loses: ||full - kept||^2 / ||full||^2.
    const full = await loraRecipeEdit(recipe([{ task: 0, part: 'full', coefficient: 1 }, { task: 1, part: 'full', coefficient: 1 }]), inputs);
    const F = (await materialize(full.modules[0].factors)).data;
    const K = (await materialize(edit.modules[0].factors)).data;
    let lost = 0, all = 0;
    for (let i = 0; i < F.length; i++) (lost += (F[i] - K[i]) ** 2), (all += F[i] ** 2);
    expect(edit.droppedEnergy).toBeCloseTo(lost / all, 8);
  });

  it('truncating to the full rank or more changes nothing', async () => {
    const f: LoraFactors = adapters(6)[0].modules[0].factors;
    const t = await truncateLora(f, 4);
    expect(t.droppedEnergy).toBeCloseTo(0, 12);
    expect(maxRel((await materialize(t.factors)).data, (await materialize(f)).data)).toBeLessThan(1e-10);
  });
});
