import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { concatFactors, materialize } from '../../lib/lora/lora-factors';
import { parsePeftConfig, readPeftAdapter } from '../../lib/lora/peft-adapter';
import { readSafetensors, writeSafetensors } from '../../lib/tensors/safetensors';
import { gaussian, mulberry32 } from '../../lib/util/random';

const run = (args: string[]) =>
  promisify(execFile)(join('node_modules', '.bin', 'tsx'), ['scripts/tvlab.ts', ...args], { encoding: 'utf8' }).then(
    (r) => ({ status: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ status: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

/** Two PEFT adapters on two GPT-2-style Conv1D modules whose B factors share one direction. */
function writeAdapters(dir: string) {
  const g = gaussian(mulberry32(21));
  const common = Float32Array.from({ length: 24 }, g);
  return [0, 1].map((i) => {
    const tensors: Record<string, { shape: number[]; data: Float32Array }> = {};
    for (const mod of ['h.0.attn.c_attn', 'h.0.mlp.c_fc']) {
      const B = Float32Array.from({ length: 24 * 3 }, (_, j) => (j % 3 === 0 ? 3 * common[j / 3] : g()));
      tensors[`base_model.model.transformer.${mod}.lora_A.weight`] = { shape: [3, 16], data: Float32Array.from({ length: 48 }, g) };
      tensors[`base_model.model.transformer.${mod}.lora_B.weight`] = { shape: [24, 3], data: B };
    }
    const d = join(dir, `adapter-${i}`);
    mkdirSync(d);
    writeFileSync(join(d, 'adapter_model.safetensors'), writeSafetensors({ tensors }));
    writeFileSync(join(d, 'adapter_config.json'), JSON.stringify({ peft_type: 'LORA', r: 3, lora_alpha: 6, fan_in_fan_out: false }));
    return d;
  });
}

const readAdapter = (dir: string) => readPeftAdapter(readSafetensors(readFileSync(join(dir, 'adapter_model.safetensors'))), parsePeftConfig(readFileSync(join(dir, 'adapter_config.json'), 'utf8')));

describe('tvlab with model sources', () => {
  it('decomposes PEFT adapters in factor form and writes PEFT adapters that sum back exactly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tvlab-lora-'));
    const [a, b] = writeAdapters(dir);
    const r = await run(['decompose', '--base', a, '--task', a, '--task', b, '--out', join(dir, 'out')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2 LoRA modules; shared dims: 1 1/);
    const input = readAdapter(a);
    const shared = readAdapter(join(dir, 'out', 'task-0.shared'));
    const unique = readAdapter(join(dir, 'out', 'task-0.unique'));
    for (const [j, m] of input.modules.entries()) {
      expect(shared.modules[j].factors.B.cols).toBe(3);
      const sum = await materialize(concatFactors([{ coefficient: 1, factors: shared.modules[j].factors }, { coefficient: 1, factors: unique.modules[j].factors }]));
      const want = await materialize(m.factors);
      want.data.forEach((x, i) => expect(sum.data[i]).toBeCloseTo(x, 4));
    }
  });

  it('applies a recipe over PEFT adapters as one exact adapter, truncated with --rank, or as full weights', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tvlab-apply-'));
    const [a, b] = writeAdapters(dir);
    const g = gaussian(mulberry32(5));
    const baseTensors = {
      'transformer.h.0.attn.c_attn.weight': { shape: [24, 16], data: Float32Array.from({ length: 384 }, g) },
      'transformer.h.0.mlp.c_fc.weight': { shape: [24, 16], data: Float32Array.from({ length: 384 }, g) },
      'transformer.h.0.mlp.c_fc.bias': { shape: [24], data: Float32Array.from({ length: 24 }, g) },
    };
    writeFileSync(join(dir, 'base.safetensors'), writeSafetensors({ tensors: baseTensors }));
    const terms = [{ task: 0, part: 'unique', coefficient: 1 }, { task: 1, part: 'unique', coefficient: 1 }, { task: 0, part: 'shared', coefficient: 1 }];
    const recipe = { version: 1, models: { base: 'base.safetensors', tasks: ['adapter-0', 'adapter-1'] }, terms, method: { name: 'task_arithmetic', lambda: 0.5 } };
    writeFileSync(join(dir, 'mix.json'), JSON.stringify(recipe));

    const exact = await run(['apply', '--recipe', join(dir, 'mix.json'), '--out', join(dir, 'mix')]);
    expect(exact.status, exact.stderr).toBe(0);
    expect(exact.stdout).toMatch(/2 modules, peft, rank 9/);
    const mix = readAdapter(join(dir, 'mix'));
    const [ia, ib] = [readAdapter(a), readAdapter(b)];

    const full = await run(['apply', '--recipe', join(dir, 'mix.json'), '--format', 'full', '--out', join(dir, 'mix.safetensors')]);
    expect(full.status, full.stderr).toBe(0);
    const edited = readSafetensors(readFileSync(join(dir, 'mix.safetensors')));
    // base + the adapter written by apply = the full-weights export, module by module.
    for (const m of mix.modules) {
      const w = `${m.name}.weight`;
      const delta = await materialize(m.factors);
      edited.tensors[w].data.forEach((x, i) => expect(x).toBeCloseTo(baseTensors[w as keyof typeof baseTensors].data[i] + delta.data[i], 4));
    }
    expect(Array.from(edited.tensors['transformer.h.0.mlp.c_fc.bias'].data)).toEqual(Array.from(baseTensors['transformer.h.0.mlp.c_fc.bias'].data));
    // unique_0 + unique_1 + shared_0 = task 0 + unique_1, so the mix is 0.5 (a + unique part of b): it differs from 0.5 (a + b).
    const ab = await materialize(concatFactors([{ coefficient: 0.5, factors: ia.modules[0].factors }, { coefficient: 0.5, factors: ib.modules[0].factors }]));
    const got = await materialize(mix.modules[0].factors);
    expect(Math.max(...got.data.map((x, i) => Math.abs(x - ab.data[i])))).toBeGreaterThan(0.01);

    const cut = await run(['apply', '--recipe', join(dir, 'mix.json'), '--rank', '2', '--out', join(dir, 'cut')]);
    expect(cut.status, cut.stderr).toBe(0);
    expect(cut.stdout).toMatch(/rank 2 drops \d+\.\d\d% of the edit's energy/);
    expect(readAdapter(join(dir, 'cut')).modules[0].factors.B.cols).toBe(2);

    const wrong = await run(['apply', '--recipe', join(dir, 'mix.json'), '--format', 'kohya', '--out', join(dir, 'k')]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/write them as peft or as --format full/);
  });

  it('inspects a checkpoint over HTTP from its header alone, and says what a 404 means', async () => {
    const file = writeSafetensors({ tensors: { 'h.0.attn.c_attn.weight': { shape: [16, 48], data: new Float32Array(768) } }, metadata: { note: 'generated' } });
    const served: string[] = [];
    const server = createServer((req, res) => {
      served.push(req.headers.range ?? 'whole');
      if (!req.url?.endsWith('/main/model.safetensors')) return res.writeHead(404).end();
      const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '')!;
      const e = Math.min(Number(m[2]), file.length - 1);
      res.writeHead(206, { 'Content-Range': `bytes ${m[1]}-${e}/${file.length}` }).end(Buffer.from(file.subarray(Number(m[1]), e + 1)));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const hub = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const r = await run(['inspect', 'hf:someone/tiny', '--hub-url', hub]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/h\.0\.attn\.c_attn\.weight\s+F32\s+\[16, 48\]/);
      expect(r.stdout).toMatch(/metadata note: generated/);
      const missing = await run(['inspect', `${hub}/nothing/model.safetensors`]);
      expect(missing.status).toBe(1);
      expect(missing.stderr).toMatch(/not found \(HTTP 404\)/);
    } finally {
      server.close();
    }
  });
});
