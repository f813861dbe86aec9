import { describe, expect, it } from 'vitest';
import { layoutFromFileList } from './checkpoint-layout';
import { canonicalName, describeMismatch, matchAdapterModules, matchCheckpointNames } from './name-matching';

describe('name matching across checkpoints', () => {
  const base = ['transformer.h.0.attn.c_attn.weight', 'transformer.h.0.attn.c_attn.bias', 'transformer.wte.weight'];

  it('matches through wrapper prefixes', () => {
    expect(canonicalName('base_model.model.transformer.h.0.mlp.c_fc.weight')).toBe('h.0.mlp.c_fc.weight');
    const m = matchCheckpointNames(base, ['h.0.attn.c_attn.weight', 'model.transformer.wte.weight', 'lm_head.weight']);
    expect([...m.mapping]).toEqual([
      ['h.0.attn.c_attn.weight', 'transformer.h.0.attn.c_attn.weight'],
      ['model.transformer.wte.weight', 'transformer.wte.weight'],
    ]);
    expect(m.missing).toEqual(['transformer.h.0.attn.c_attn.bias']);
    expect(m.unmatched).toEqual(['lm_head.weight']);
  });

  it('maps PEFT and kohya module names to the base weight they adapt', () => {
    const unet = ['down_blocks.0.attentions.0.proj_in.weight', 'down_blocks.0.attentions.0.proj_in.bias'];
    const m = matchAdapterModules([...base, ...unet], ['transformer.h.0.attn.c_attn', 'lora_unet_down_blocks_0_attentions_0_proj_in', 'lora_unet_mid_block_x']);
    expect(m.mapping.get('transformer.h.0.attn.c_attn')).toBe('transformer.h.0.attn.c_attn.weight');
    expect(m.mapping.get('lora_unet_down_blocks_0_attentions_0_proj_in')).toBe('down_blocks.0.attentions.0.proj_in.weight');
    expect(describeMismatch('style.safetensors', m)).toMatch(/style.safetensors: 1 tensor does not match the base model\n {2}lora_unet_mid_block_x/);
  });

  it('lists every mismatch in one message, and nothing when all match', () => {
    const m = matchCheckpointNames(['a.weight'], Array.from({ length: 25 }, (_, i) => `x${i}.weight`));
    const msg = describeMismatch('task 2 (ft.safetensors)', m)!;
    expect(msg).toMatch(/^task 2 \(ft.safetensors\): 25 tensors do not match/);
    expect(msg).toMatch(/and 5 more$/);
    expect(describeMismatch('x', matchCheckpointNames(['a.weight'], ['model.a.weight']))).toBeNull();
  });
});

describe('folder layouts', () => {
  it('recognises PEFT, sharded, diffusers and single-file folders', () => {
    expect(layoutFromFileList(['adapter_config.json', 'adapter_model.safetensors', 'README.md'])?.kind).toBe('peft');
    expect(layoutFromFileList(['model.safetensors.index.json', 'model-00001-of-00002.safetensors'])?.kind).toBe('sharded');
    expect(layoutFromFileList(['unet/diffusion_pytorch_model.safetensors', 'vae/x.safetensors'])).toEqual({ kind: 'single', file: 'unet/diffusion_pytorch_model.safetensors' });
    expect(layoutFromFileList(['my-style.safetensors'])).toEqual({ kind: 'single', file: 'my-style.safetensors' });
    expect(layoutFromFileList(['a.safetensors', 'b.safetensors'])).toBeNull();
  });
});
