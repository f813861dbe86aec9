import { describe, expect, it } from 'vitest';
import { readSafetensors, writeSafetensors } from '../tensors/safetensors';
import type { WeightSet } from '../tensors/weight-set';
import { mulberry32 } from '../util/random';
import { isKohyaLora, readKohyaLora, writeKohyaLora } from './kohya-lora';
import { materialize } from './lora-factors';
import { parsePeftConfig, readPeftAdapter, writePeftAdapter } from './peft-adapter';

const rng = mulberry32(5);
const rand = (n: number) => Float32Array.from({ length: n }, () => rng() - 0.5);

/** A GPT-2-shaped PEFT adapter: c_attn is Conv1D (fan_in_fan_out), stored weight 8 x 24. */
const peftWeights: WeightSet = {
  tensors: {
    'base_model.model.transformer.h.0.attn.c_attn.lora_A.weight': { shape: [4, 8], data: rand(32) },
    'base_model.model.transformer.h.0.attn.c_attn.lora_B.weight': { shape: [24, 4], data: rand(96) },
    'base_model.model.transformer.h.0.mlp.c_fc.lora_A.weight': { shape: [2, 8], data: rand(16) },
    'base_model.model.transformer.h.0.mlp.c_fc.lora_B.weight': { shape: [32, 2], data: rand(64) },
  },
  metadata: {},
};
const peftConfig = parsePeftConfig(
  JSON.stringify({ peft_type: 'LORA', r: 4, lora_alpha: 8, fan_in_fan_out: true, rank_pattern: { c_fc: 2 }, alpha_pattern: { 'h.0.mlp.c_fc': 4 } }),
);

describe('PEFT adapters', () => {
  it('reads scale * (B A)^T per module, with rank and alpha patterns', async () => {
    const a = readPeftAdapter(peftWeights, peftConfig);
    const attn = a.modules.find((m) => m.name === 'transformer.h.0.attn.c_attn')!;
    const fc = a.modules.find((m) => m.name === 'transformer.h.0.mlp.c_fc')!;
    expect([attn.alpha, fc.alpha]).toEqual([8, 4]);
    expect(attn.weightShape).toEqual([8, 24]); // Conv1D layout: the stored weight is in x out
    const delta = await materialize(attn.factors);
    const A = peftWeights.tensors['base_model.model.transformer.h.0.attn.c_attn.lora_A.weight'].data;
    const B = peftWeights.tensors['base_model.model.transformer.h.0.attn.c_attn.lora_B.weight'].data;
    // delta[i][j] = (8/4) * sum_k B[j][k] A[k][i]
    const expected = (i: number, j: number) => 2 * [0, 1, 2, 3].reduce((s, k) => s + B[j * 4 + k] * A[k * 8 + i], 0);
    expect(delta.data[3 * 24 + 5]).toBeCloseTo(expected(3, 5), 6);
  });

  it('round-trips names, ranks, alphas and factors through a written adapter', () => {
    const a = readPeftAdapter(peftWeights, peftConfig);
    const out = writePeftAdapter(a.modules, peftConfig);
    const bytes = writeSafetensors(out.weights);
    const back = readPeftAdapter(readSafetensors(bytes), parsePeftConfig(JSON.stringify(out.config)));
    expect(Object.keys(out.weights.tensors).sort()).toEqual(Object.keys(peftWeights.tensors).sort());
    for (const [i, m] of back.modules.entries()) {
      expect([m.name, m.alpha, m.factors.B.cols]).toEqual([a.modules[i].name, a.modules[i].alpha, a.modules[i].factors.B.cols]);
      m.factors.B.data.forEach((x, j) => expect(x).toBeCloseTo(a.modules[i].factors.B.data[j], 6));
    }
  });

  it('refuses broken adapters in words', () => {
    expect(() => parsePeftConfig('{"r": 4}')).toThrow(/lora_alpha is missing/);
    expect(() => parsePeftConfig('{"peft_type": "IA3", "r": 4, "lora_alpha": 4}')).toThrow(/IA3 adapter/);
    const noB = { tensors: { 'base_model.model.x.lora_A.weight': { shape: [4, 8], data: rand(32) } }, metadata: {} };
    expect(() => readPeftAdapter(noB, peftConfig)).toThrow(/has lora_A but no lora_B/);
    expect(() => readPeftAdapter({ tensors: {}, metadata: {} }, peftConfig)).toThrow(/not a PEFT LoRA/);
  });
});

describe('kohya LoRA files', () => {
  const kohya: WeightSet = {
    tensors: {
      'lora_unet_down_blocks_0_resnets_0_conv1.lora_down.weight': { shape: [2, 3, 3, 3], data: rand(54) },
      'lora_unet_down_blocks_0_resnets_0_conv1.lora_up.weight': { shape: [5, 2, 1, 1], data: rand(10) },
      'lora_unet_down_blocks_0_resnets_0_conv1.alpha': { shape: [], data: Float32Array.of(1) },
      'lora_te_text_model_encoder_layers_0_mlp_fc1.lora_down.weight': { shape: [4, 6], data: rand(24) },
      'lora_te_text_model_encoder_layers_0_mlp_fc1.lora_up.weight': { shape: [7, 4], data: rand(28) },
      'lora_te_text_model_encoder_layers_0_mlp_fc1.alpha': { shape: [], data: Float32Array.of(2) },
    },
    metadata: {},
  };

  it('reads conv and linear modules with alpha / r folded in, and writes them back unchanged', () => {
    expect(isKohyaLora(kohya)).toBe(true);
    const a = readKohyaLora(kohya);
    const conv = a.modules.find((m) => m.name.endsWith('conv1'))!;
    expect(conv.weightShape).toEqual([5, 3, 3, 3]);
    expect(conv.factors.A.cols).toBe(27);
    expect(conv.factors.B.data[0]).toBeCloseTo(0.5 * kohya.tensors['lora_unet_down_blocks_0_resnets_0_conv1.lora_up.weight'].data[0], 6);
    const back = readSafetensors(writeSafetensors(writeKohyaLora(a.modules)));
    for (const [name, t] of Object.entries(kohya.tensors)) {
      expect(back.tensors[name].shape).toEqual(t.shape);
      back.tensors[name].data.forEach((x, i) => expect(x).toBeCloseTo(t.data[i], 6));
    }
  });
});
