import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Adapter } from '../lora/adapter-module';
import { materialize } from '../lora/lora-factors';
import { parsePeftConfig, readPeftAdapter } from '../lora/peft-adapter';
import { parseRecipe } from '../recipe/schema';
import { readSafetensors } from '../tensors/safetensors';
import { gaussian, mulberry32 } from '../util/random';
import { loraExportFile } from './lora-export';

const g = gaussian(mulberry32(3));
const adapter = (): Adapter => ({
  format: 'peft',
  config: { r: 2, lora_alpha: 4, fan_in_fan_out: true },
  modules: [{ name: 'transformer.h.0.attn.c_attn', alpha: 4, weightShape: [8, 24], factors: { B: { rows: 8, cols: 2, data: Float64Array.from({ length: 16 }, g) }, A: { rows: 2, cols: 24, data: Float64Array.from({ length: 48 }, g) } } }],
});

describe('exporting a LoRA edit from the page', () => {
  it('zips a PEFT folder that the loader reads back as the summed adapter, fan_in_fan_out kept', async () => {
    const [a, b] = [adapter(), adapter()];
    const recipe = parseRecipe({ version: 1, models: { base: 'x', tasks: ['a', 'b'] }, terms: [{ task: 0, part: 'full', coefficient: 1 }, { task: 1, part: 'full', coefficient: -1 }] });
    const out = await loraExportFile(recipe, [a, b], 'lab-edit');
    expect(out.name).toBe('lab-edit-peft.zip');
    expect(out.rank).toBe(4);
    const files = unzipSync(out.bytes);
    const config = parsePeftConfig(new TextDecoder().decode(files['lab-edit/adapter_config.json']));
    expect(config.fan_in_fan_out).toBe(true);
    const back = readPeftAdapter(readSafetensors(files['lab-edit/adapter_model.safetensors']), config);
    const got = (await materialize(back.modules[0].factors)).data;
    const [da, db] = [await materialize(a.modules[0].factors), await materialize(b.modules[0].factors)];
    got.forEach((x, i) => expect(x).toBeCloseTo(da.data[i] - db.data[i], 5));
  });
});
