import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loraExportFile } from '../lab/lora-export';
import type { Mat } from '../linalg/mat';
import { coreSpace } from '../recipe/methods/core-space';
import { knots } from '../recipe/methods/knots';
import { parseRecipe, type RecipeInput } from '../recipe/schema';
import { readSafetensors } from '../tensors/safetensors';
import { gaussian, mulberry32 } from '../util/random';
import type { Adapter } from './adapter-module';
import { coreSpaceFactors, knotsFactors } from './basis-merge';
import { type LoraFactors, materialize } from './lora-factors';
import { loraRecipeEdit } from './lora-recipe';
import { parsePeftConfig, readPeftAdapter } from './peft-adapter';

const g = gaussian(mulberry32(29));
const randn = (rows: number, cols: number): Mat => ({ rows, cols, data: Float64Array.from({ length: rows * cols }, () => g()) });
const lora = (dOut: number, dIn: number, r: number): LoraFactors => ({ B: randn(dOut, r), A: randn(r, dIn) });

/** The dense method on the materialised, coefficient-scaled task vectors: what the LoRA must equal. */
async function dense(method: typeof knots | typeof coreSpace, params: never, parts: { c: number; f: LoraFactors }[], shape: number[]): Promise<Float32Array> {
  const vectors = await Promise.all(parts.map(async ({ c, f }) => Float32Array.from((await materialize(f)).data, (x) => c * x)));
  const out = new Float32Array(vectors[0].length);
  method.apply(vectors, params, out, { name: 'm', shape });
  return out;
}

const relErr = (got: ArrayLike<number>, want: ArrayLike<number>) => {
  let num = 0, den = 0;
  for (let i = 0; i < want.length; i++) (num += (got[i] - want[i]) ** 2), (den += want[i] ** 2);
  return Math.sqrt(num / den);
};

describe('KnOTS and Core Space on LoRA factors', () => {
  const parts = [lora(10, 12, 2), lora(10, 12, 3), lora(10, 12, 1)];
  const coefs = [1, -0.7, 1.3];
  const scaled = parts.map((f, t): LoraFactors => ({ B: { ...f.B, data: f.B.data.map((x) => coefs[t] * x) }, A: f.A }));

  for (const merge of ['ties', 'sum'] as const) {
    it(`KnOTS (${merge}) is a LoRA of rank <= the sum whose B A equals the dense method's update`, async () => {
      const params = knots.params.parse({ name: 'knots', lambda: 0.8, merge, density: 0.4 });
      const f = knotsFactors(scaled, params);
      expect(f.B.cols).toBeLessThanOrEqual(6);
      const want = await dense(knots, params as never, parts.map((p, t) => ({ c: coefs[t], f: p })), [10, 12]);
      expect(relErr((await materialize(f)).data, want)).toBeLessThan(1e-4);
    });

    it(`Core Space (${merge}) is a LoRA of rank <= the sum whose B A equals the dense method's update`, async () => {
      const params = coreSpace.params.parse({ name: 'core_space', lambda: 1.2, merge, density: 0.3 });
      const f = coreSpaceFactors(scaled, params);
      expect(f.B.cols).toBeLessThanOrEqual(6);
      const want = await dense(coreSpace, params as never, parts.map((p, t) => ({ c: coefs[t], f: p })), [10, 12]);
      expect(relErr((await materialize(f)).data, want)).toBeLessThan(1e-4);
    });
  }

  it('a zero term (empty part, zero coefficient) is left out, as the dense methods leave out a zero vector', async () => {
    const zero: LoraFactors = { B: { rows: 10, cols: 2, data: new Float64Array(20) }, A: randn(2, 12) };
    const params = knots.params.parse({ name: 'knots', merge: 'ties', density: 0.5 });
    const withZero = await materialize(knotsFactors([scaled[0], zero, scaled[1]], params));
    const without = await materialize(knotsFactors([scaled[0], scaled[1]], params));
    expect(relErr(withZero.data, without.data)).toBeLessThan(1e-12);
    const want = await dense(knots, params as never, [{ c: 1, f: scaled[0] }, { c: 0, f: parts[1] }, { c: 1, f: scaled[1] }], [10, 12]);
    expect(relErr(withZero.data, want)).toBeLessThan(1e-4);
  });
});

describe('a KnOTS or Core Space edit of PEFT adapters, exported', () => {
  // Two modules; module 1's adapters have other ranks, so the merged ranks differ per module.
  const names = ['model.layers.0.self_attn.q_proj', 'model.layers.1.mlp.down_proj'];
  const shapes = [[8, 9], [7, 11]];
  const ranks = [[2, 1], [3, 4]];
  const adapter = (t: number): Adapter => ({
    format: 'peft',
    config: { r: 2, lora_alpha: 4, use_rslora: true, target_modules: ['q_proj', 'down_proj'] },
    modules: names.map((name, m) => ({ name, alpha: 4, weightShape: shapes[m], factors: lora(shapes[m][0], shapes[m][1], ranks[m][t]) })),
  });
  const adapters = [adapter(0), adapter(1)];
  const recipe = (method: RecipeInput['method']) =>
    parseRecipe({ version: 1, models: { base: 'none', tasks: ['a', 'b'] }, terms: [{ task: 0, part: 'full', coefficient: 1 }, { task: 1, part: 'full', coefficient: 0.5, schedule: [1, 2] }], method });

  for (const method of [{ name: 'knots', lambda: 1, merge: 'ties', density: 0.5 }, { name: 'core_space', lambda: 0.9, merge: 'ties', density: 0.5 }] as const) {
    it(`${method.name}: the zipped PEFT folder holds per-module ranks in rank_pattern, and scaling B A is the dense merge`, async () => {
      const r = recipe(method);
      const out = await loraExportFile(r, adapters, 'edit');
      const files = unzipSync(out.bytes);
      const cfg = JSON.parse(new TextDecoder().decode(files['edit/adapter_config.json']));
      const weights = readSafetensors(files['edit/adapter_model.safetensors']);
      const edit = await loraRecipeEdit(r, adapters);
      const written = edit.modules.map((m) => m.factors.B.cols);
      expect(written[0]).toBeLessThanOrEqual(3);
      expect(written[1]).toBeLessThanOrEqual(7);
      expect(written[0]).not.toBe(written[1]);
      expect(cfg).toMatchObject({ r: written[0], use_rslora: true, rank_pattern: { [names[1]]: written[1] } });
      const back = readPeftAdapter(weights, parsePeftConfig(JSON.stringify(cfg)));
      const apply = method.name === 'knots' ? knots : coreSpace;
      for (const [m, name] of names.entries()) {
        // PEFT's rule restated: the module's r and alpha from the patterns keyed by its full path, scaling alpha / sqrt(r) (rsLoRA).
        const rank = cfg.rank_pattern[name] ?? cfg.r, alpha = cfg.alpha_pattern[name] ?? cfg.lora_alpha;
        expect(weights.tensors[`base_model.model.${name}.lora_A.weight`].shape).toEqual([rank, shapes[m][1]]);
        const A = weights.tensors[`base_model.model.${name}.lora_A.weight`].data, B = weights.tensors[`base_model.model.${name}.lora_B.weight`].data;
        const s = alpha / Math.sqrt(rank), cols = shapes[m][1];
        const byHand = Float64Array.from({ length: shapes[m][0] * cols }, (_, k) => {
          let acc = 0;
          for (let j = 0; j < rank; j++) acc += B[Math.floor(k / cols) * rank + j] * A[j * cols + (k % cols)];
          return s * acc;
        });
        // Task 1's schedule [1, 2] over two layers: 1 on layer 0, 2 on layer 1.
        const want = await dense(apply, r.method as never, [{ c: 1, f: adapters[0].modules[m].factors }, { c: 0.5 * (m + 1), f: adapters[1].modules[m].factors }], shapes[m]);
        expect(relErr(byHand, want)).toBeLessThan(1e-4);
        expect(relErr((await materialize(back.modules[m].factors)).data, want)).toBeLessThan(1e-4);
      }
    });
  }
});
