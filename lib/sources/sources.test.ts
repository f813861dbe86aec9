import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSafetensors } from '../tensors/safetensors';
import { remoteSource, totalFromContentRange } from './byte-source';
import { listSafetensors, readTensor } from './safetensors-source';
import { parseShardedIndex } from './sharded-index';
import { fileUrl, parseSource } from './source-ref';

// A generated checkpoint served by a local server, with and without Range support.
const weights = {
  tensors: {
    'h.0.attn.c_attn.weight': { shape: [8, 24], data: Float32Array.from({ length: 192 }, (_, i) => Math.sin(i)) },
    'h.0.ln_1.bias': { shape: [8], data: Float32Array.from({ length: 8 }, (_, i) => i / 8) },
  },
  metadata: { format: 'pt' },
};
const file = writeSafetensors(weights);
const requests: string[] = [];
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(`${req.url} ${req.headers.range ?? ''}`);
    if (req.url?.startsWith('/missing')) return res.writeHead(404).end();
    if (req.url?.startsWith('/gated')) return res.writeHead(403).end();
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (range && !req.url?.startsWith('/norange')) {
      const begin = Number(range[1]), end = Math.min(Number(range[2]), file.length - 1);
      res.writeHead(206, { 'Content-Range': `bytes ${begin}-${end}/${file.length}`, 'Content-Length': end - begin + 1 });
      return res.end(Buffer.from(file.subarray(begin, end + 1)));
    }
    res.writeHead(200, { 'Content-Length': file.length });
    res.end(Buffer.from(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

describe('source references', () => {
  it('resolves hub ids against a configurable hub, with a default revision', () => {
    expect(fileUrl(parseSource('hf:openai-community/gpt2'), 'model.safetensors', 'http://mirror.test/')).toBe(
      'http://mirror.test/openai-community/gpt2/resolve/main/model.safetensors',
    );
    expect(fileUrl(parseSource('hf:a/b@v1.0'), 'unet/diffusion_pytorch_model.safetensors')).toBe(
      'https://huggingface.co/a/b/resolve/v1.0/unet/diffusion_pytorch_model.safetensors',
    );
    expect(fileUrl(parseSource('https://host.test/repo/'), 'adapter_config.json')).toBe('https://host.test/repo/adapter_config.json');
  });

  it('refuses what it cannot load, in words', () => {
    expect(() => parseSource('hf:only-owner')).toThrow(/hf:owner\/name/);
    expect(() => parseSource('hf:a/b@../../etc')).toThrow(/not a hub repo id/);
    expect(() => parseSource('file:///etc/passwd')).toThrow(/only http\(s\)/);
    expect(() => parseSource('javascript:alert(1)')).toThrow(/only http\(s\)/);
    expect(() => parseSource('https://user:secret@host.test/x')).toThrow(/password/);
    expect(() => parseSource('not a url')).toThrow(/neither a hub repo id/);
  });
});

describe('reading safetensors over HTTP', () => {
  it('lists the header with two small Range requests, then fetches one tensor by its bytes', async () => {
    requests.length = 0;
    const listing = await listSafetensors(await remoteSource(`${base}/model.safetensors`));
    expect(listing.tensors.map((t) => [t.name, t.shape, t.dtype])).toEqual([
      ['h.0.attn.c_attn.weight', [8, 24], 'F32'],
      ['h.0.ln_1.bias', [8], 'F32'],
    ]);
    expect(listing.source.ranged).toBe(true);
    expect(requests).toEqual([`/model.safetensors bytes=0-${(1 << 18) - 1}`]); // the probe covered the header
    const bias = listing.tensors.find((t) => t.name === 'h.0.ln_1.bias')!;
    const t = await readTensor(listing, bias);
    expect(Array.from(t.data)).toEqual(Array.from(weights.tensors['h.0.ln_1.bias'].data));
  });

  it('falls back to one whole download when the server ignores Range, with progress', async () => {
    const seen: number[] = [];
    const source = await remoteSource(`${base}/norange/model.safetensors`, { onProgress: (p) => seen.push(p.loaded) });
    expect(source.ranged).toBe(false);
    expect(seen.at(-1)).toBe(file.length);
    const listing = await listSafetensors(source);
    const w = await readTensor(listing, listing.tensors[0]);
    expect(Array.from(w.data)).toEqual(Array.from(weights.tensors['h.0.attn.c_attn.weight'].data));
  });

  it('says what a 404, a gated repo, an unreachable host and a timeout mean', async () => {
    await expect(remoteSource(`${base}/missing/model.safetensors`)).rejects.toThrow(/not found \(HTTP 404\).*revision/);
    await expect(remoteSource(`${base}/gated/model.safetensors`)).rejects.toThrow(/gated or private/);
    await expect(remoteSource('http://127.0.0.1:9/model.safetensors')).rejects.toThrow(/could not be reached/);
    const never: typeof fetch = (_u, init) =>
      new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    await expect(remoteSource(`${base}/slow`, { fetch: never, timeoutMs: 50 })).rejects.toThrow(/did not answer within/);
  });

  it('reads the total size from Content-Range only when it is well formed', () => {
    expect(totalFromContentRange('bytes 0-7/1234')).toBe(1234);
    expect(totalFromContentRange('bytes 0-7/*')).toBeNull();
    expect(totalFromContentRange(null)).toBeNull();
  });
});

describe('sharded checkpoint index', () => {
  it('lists shards in order and refuses paths outside the repo', () => {
    const idx = parseShardedIndex(
      JSON.stringify({ metadata: { total_size: 10 }, weight_map: { a: 'model-00001-of-00002.safetensors', b: 'model-00002-of-00002.safetensors', c: 'model-00001-of-00002.safetensors' } }),
    );
    expect(idx.shards).toEqual(['model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors']);
    expect(idx.totalSize).toBe(10);
    expect(() => parseShardedIndex(JSON.stringify({ weight_map: { a: '../../secret.safetensors' } }))).toThrow(/will not fetch/);
    expect(() => parseShardedIndex('{"weights": {}}')).toThrow(/weight_map/);
    expect(() => parseShardedIndex('{')).toThrow(/not valid JSON/);
  });
});
