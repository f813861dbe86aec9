import { describe, expect, it } from 'vitest';
import type { Mat } from '../linalg/mat';
import { readSafetensors, writeSafetensors } from '../tensors/safetensors';
import { gaussian, mulberry32 } from '../util/random';
import type { AdapterModule } from './adapter-module';
import { materialize } from './lora-factors';
import { parsePeftConfig, readPeftAdapter, writePeftAdapter } from './peft-adapter';

// PEFT's rules, restated here from its source (tuners/lora/layer.py update_layer, utils/other.py
// get_pattern_key) so the files are checked against them, not against this project's reader:
//   r, alpha = rank_pattern / alpha_pattern entry whose key K matches the module as (.*\.)?(K)$, else r / lora_alpha
//   scaling = alpha / r, or alpha / sqrt(r) with use_rslora;  delta W = scaling * B A
function peftPattern<T>(patterns: Record<string, T>, module: string, fallback: T): T {
  for (const [key, value] of Object.entries(patterns)) if (new RegExp(`^(.*\\.)?(${key})$`).test(module)) return value;
  return fallback;
}

const g = gaussian(mulberry32(17));
const randn = (rows: number, cols: number): Mat => ({ rows, cols, data: Float64Array.from({ length: rows * cols }, () => g()) });
/** Modules of different ranks and alphas, as a merge of adapters of different ranks produces. */
const modules: AdapterModule[] = [
  ['model.layers.0.self_attn.q_proj', 2, 4],
  ['model.layers.0.mlp.down_proj', 5, 5],
  ['model.layers.1.self_attn.q_proj', 3, 16],
  ['model.layers.11.self_attn.q_proj', 2, 4],
].map(([name, r, alpha]) => ({ name: name as string, alpha: alpha as number, weightShape: [6, 7], factors: { B: randn(6, r as number), A: randn(r as number, 7) } }));

describe('PEFT adapters written with per-module ranks', () => {
  for (const rslora of [false, true]) {
    it(`write rank_pattern / alpha_pattern and reload to the same B A scaling${rslora ? ' (rsLoRA: alpha / sqrt r)' : ''}`, async () => {
      const { weights, config } = writePeftAdapter(modules, { use_rslora: rslora, lora_alpha: 4 });
      const file = readSafetensors(writeSafetensors(weights));
      const cfg = JSON.parse(JSON.stringify(config));
      expect(cfg).toMatchObject({ r: 2, lora_alpha: 4, use_rslora: rslora });
      expect(cfg.rank_pattern).toEqual({ 'model.layers.0.mlp.down_proj': 5, 'model.layers.1.self_attn.q_proj': 3 });
      expect(cfg.alpha_pattern).toEqual({ 'model.layers.0.mlp.down_proj': 5, 'model.layers.1.self_attn.q_proj': 16 });
      for (const m of modules) {
        const A = file.tensors[`base_model.model.${m.name}.lora_A.weight`];
        const B = file.tensors[`base_model.model.${m.name}.lora_B.weight`];
        const r = peftPattern(cfg.rank_pattern, m.name, cfg.r);
        const alpha = peftPattern(cfg.alpha_pattern, m.name, cfg.lora_alpha);
        expect([A.shape[0], B.shape[1]]).toEqual([r, r]); // PEFT builds lora_A as r x in: the shapes must agree with the config
        const scaling = rslora ? alpha / Math.sqrt(r) : alpha / r;
        const want = await materialize(m.factors);
        // delta[i][j] = scaling * sum_k B[i][k] A[k][j]
        for (const [i, j] of [[0, 0], [5, 6], [3, 2]]) {
          let s = 0;
          for (let k = 0; k < r; k++) s += B.data[i * r + k] * A.data[k * 7 + j];
          expect(scaling * s).toBeCloseTo(want.data[i * 7 + j], 4);
        }
      }
      // and this project's reader agrees
      const back = readPeftAdapter(file, parsePeftConfig(JSON.stringify(cfg)));
      for (const [k, m] of back.modules.entries()) {
        const got = await materialize(m.factors);
        const want = await materialize(modules[k].factors);
        got.data.forEach((x, i) => expect(x).toBeCloseTo(want.data[i], 4));
      }
    });
  }

  it('reads pattern keys as PEFT does: a regular expression matched at the end of the module path', () => {
    const w = writePeftAdapter(modules.slice(0, 1), {}).weights;
    // a regex key (as people write them in rank_pattern) applies to the matching module only
    const cfg = parsePeftConfig(JSON.stringify({ r: 8, lora_alpha: 8, rank_pattern: { 'layers\\.0\\.self_attn\\.q_proj': 2 }, alpha_pattern: { 'q_proj': 4 } }));
    const a = readPeftAdapter(readSafetensors(writeSafetensors(w)), cfg);
    expect(a.modules[0].alpha).toBe(4);
  });
});
