import { describe, expect, it } from 'vitest';
import { evaluateSetting, interpolate, layerIndex, layerPositions } from './layer-schedule';
import { termsAt } from './terms-at';

describe('per-layer settings (mergekit semantics)', () => {
  it('interpolates a gradient list linearly at t = i / (N - 1)', () => {
    // [0, 0.3, 0.7, 1] over 7 layers: t = 0.5 sits at position 1.5 -> (0.3 + 0.7) / 2
    expect(interpolate([0, 0.3, 0.7, 1], 0.5)).toBeCloseTo(0.5, 12);
    expect(interpolate([0, 0.3, 0.7, 1], 1 / 6)).toBeCloseTo(0.15, 12); // position 0.5
    expect(interpolate([1, 0.7, 0.1], 1)).toBe(0.1);
    expect(interpolate([2], 0.4)).toBe(2);
  });

  it('a list of N values over N layers gives each layer its own value', () => {
    const names = [0, 1, 2, 3].map((i) => `transformer.h.${i}.mlp.c_fc.weight`);
    const pos = layerPositions([...names, 'transformer.wte.weight']);
    names.forEach((n, i) => expect(evaluateSetting([0.1, 0.2, 0.3, 0.4], n, pos.get(n)!.t)).toBeCloseTo([0.1, 0.2, 0.3, 0.4][i], 12));
    // outside the stack: t = 0, the first value (mergekit's pre/post weights)
    expect(pos.get('transformer.wte.weight')).toEqual({ index: undefined, t: 0 });
  });

  it('filters by substring, first match wins, no match leaves the tensor out', () => {
    const s = [{ filter: 'mlp', value: 0.5 }, { filter: 'attn', value: [0, 1] }];
    expect(evaluateSetting(s, 'h.0.mlp.c_fc.weight', 0.3)).toBe(0.5);
    expect(evaluateSetting(s, 'h.0.attn.c_attn.weight', 0.25)).toBe(0.25);
    expect(evaluateSetting(s, 'h.0.ln_1.weight', 0.3)).toBeUndefined();
    expect(evaluateSetting([{ filter: 'mlp', value: 2 }, { value: 1 }], 'ln_f.weight', 0)).toBe(1);
  });

  it('reads the block index from the first numeric path segment', () => {
    expect(layerIndex('model.layers.12.self_attn.q_proj.weight')).toBe(12);
    expect(layerIndex('down_blocks.1.resnets.0.conv1.weight')).toBe(1);
    expect(layerIndex('lm_head.weight')).toBeUndefined();
    expect(layerIndex('time_embedding.linear_1.weight')).toBeUndefined();
    expect(layerIndex('lora_te_text_model_encoder_layers_5_mlp_fc1')).toBe(5); // kohya module names
    expect(layerIndex('lora_unet_conv_in')).toBeUndefined();
    expect(layerPositions(['a.0.w', 'b']).get('a.0.w')!.t).toBe(1); // one layer: t = 1, as mergekit
  });

  it('terms carry coefficient x schedule, layer filters and densities per tensor', () => {
    const terms = [
      { task: 0, part: 'full' as const, coefficient: 2, schedule: [0, 1] },
      { task: 1, part: 'full' as const, coefficient: 1, layers: [1], density: [0.2, 0.6] },
      { task: 2, part: 'unique' as const, coefficient: -1, schedule: [{ filter: 'mlp', value: 1 }] },
    ];
    const at = (name: string, index: number | undefined, t: number) => termsAt(terms, name, { index, t }).map((a) => [a.term.task, a.weight, a.density]);
    expect(at('h.0.attn.w', 0, 0)).toEqual([[0, 0, undefined]]);
    expect(at('h.1.mlp.w', 1, 0.5)).toEqual([[0, 1, undefined], [1, 1, 0.4], [2, -1, undefined]]);
    expect(at('wte', undefined, 0)).toEqual([[0, 0, undefined]]);
  });
});
