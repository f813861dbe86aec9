import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSafetensors } from '../tensors/safetensors';
import type { WeightSet } from '../tensors/weight-set';
import { mulberry32 } from '../util/random';
import { blobFolder } from './local-folder';
import { httpFolder, openCheckpoint } from './open-checkpoint';
import { fileUrl, parseSource } from './source-ref';

// Generated fixtures only: a GPT-2-shaped sharded checkpoint, a PEFT adapter and a diffusers unet.
const rng = mulberry32(11);
const t = (shape: number[]) => ({ shape, data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng() - 0.5) });
const ws = (tensors: WeightSet['tensors']): Uint8Array => writeSafetensors({ tensors, metadata: {} });

const shard1 = ws({ 'transformer.h.0.attn.c_attn.weight': t([16, 48]), 'transformer.h.0.ln_1.weight': t([16]) });
const shard2 = ws({ 'transformer.h.1.attn.c_attn.weight': t([16, 48]) });
const files: Record<string, Uint8Array | string> = {
  'gpt/model.safetensors.index.json': JSON.stringify({
    metadata: { total_size: 0 },
    weight_map: {
      'transformer.h.0.attn.c_attn.weight': 'model-00001-of-00002.safetensors',
      'transformer.h.0.ln_1.weight': 'model-00001-of-00002.safetensors',
      'transformer.h.1.attn.c_attn.weight': 'model-00002-of-00002.safetensors',
    },
  }),
  'gpt/model-00001-of-00002.safetensors': shard1,
  'gpt/model-00002-of-00002.safetensors': shard2,
  'lora/adapter_config.json': JSON.stringify({ peft_type: 'LORA', r: 2, lora_alpha: 4, fan_in_fan_out: true }),
  'lora/adapter_model.safetensors': ws({ 'base_model.model.transformer.h.0.attn.c_attn.lora_A.weight': t([2, 16]), 'base_model.model.transformer.h.0.attn.c_attn.lora_B.weight': t([48, 2]) }),
  'sd/unet/diffusion_pytorch_model.safetensors': ws({ 'conv_in.weight': t([4, 4, 3, 3]) }),
};

let server: Server;
let base = '';
const served: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url!, 'http://x').pathname.replace(/^\/(hub\/[^/]+\/)?/, '').replace(/resolve\/main\//, ''));
    served.push(`${path} ${req.headers.range ?? ''}`);
    const body = files[path];
    if (body === undefined) return res.writeHead(404).end();
    const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
    const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (!m) return res.writeHead(200, { 'Content-Length': bytes.length }).end(bytes);
    const b = Number(m[1]), e = Math.min(Number(m[2]), bytes.length - 1);
    res.writeHead(206, { 'Content-Range': `bytes ${b}-${e}/${bytes.length}`, 'Content-Length': e - b + 1 }).end(bytes.subarray(b, e + 1));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

const folderAt = (dir: string) => httpFolder(dir, (f) => `${base}/${dir}/${f}`);

describe('opening checkpoints header first', () => {
  it('lists a sharded checkpoint from its index and shard headers, then reads one tensor', async () => {
    served.length = 0;
    const c = await openCheckpoint(folderAt('gpt'));
    expect(c.layout.kind).toBe('sharded');
    expect(c.tensors.map((x) => [x.name, x.file])).toEqual([
      ['transformer.h.0.attn.c_attn.weight', 'model-00001-of-00002.safetensors'],
      ['transformer.h.0.ln_1.weight', 'model-00001-of-00002.safetensors'],
      ['transformer.h.1.attn.c_attn.weight', 'model-00002-of-00002.safetensors'],
    ]);
    expect(c.totalBytes).toBe((16 * 48 * 2 + 16) * 4);
    const w = await c.read('transformer.h.1.attn.c_attn.weight');
    expect(w.shape).toEqual([16, 48]);
    expect(served.some((s) => s.startsWith('gpt/model.safetensors '))).toBe(false); // never downloaded a layout it did not need
  });

  it('finds a PEFT adapter folder and a diffusers unet through a hub id', async () => {
    const lora = await openCheckpoint(folderAt('lora'));
    expect(lora.layout.kind).toBe('peft');
    expect(JSON.parse(lora.adapterConfig!).r).toBe(2);
    const hub = parseSource('hf:hub/sd');
    const sd = await openCheckpoint(httpFolder('hf:hub/sd', (f) => fileUrl(hub, f, `${base}/hub`).replace('/hub/hub/', '/hub/hub/')));
    expect(sd.layout).toEqual({ kind: 'single', file: 'unet/diffusion_pytorch_model.safetensors' });
    expect(sd.tensors[0].info.shape).toEqual([4, 4, 3, 3]);
  });

  it('says so when a folder holds no checkpoint, and names the file when a shard is damaged', async () => {
    await expect(openCheckpoint(folderAt('nothing-here'))).rejects.toThrow(/holds no checkpoint this app reads/);
    files['bad/model.safetensors'] = new Uint8Array([1, 2, 3]);
    await expect(openCheckpoint(folderAt('bad'))).rejects.toThrow(/^bad\/model.safetensors: the file is \d+ bytes, shorter than the 8-byte header/);
  });

  it('reads a picked local folder the same way, by slices', async () => {
    const picked = Object.entries(files)
      .filter(([p]) => p.startsWith('gpt/'))
      .map(([path, body]) => ({ path, blob: new Blob([typeof body === 'string' ? body : new Uint8Array(body)]) }));
    const c = await openCheckpoint(blobFolder('gpt', picked));
    expect(c.tensors).toHaveLength(3);
    expect((await c.read('transformer.h.0.ln_1.weight')).shape).toEqual([16]);
  });
});
