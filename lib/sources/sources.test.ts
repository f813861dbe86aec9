import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSafetensors } from '../tensors/safetensors';
import { remoteSource, totalFromContentRange } from './byte-source';
import { openLocal, openRemote } from './open-source';
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
    const page = '<!DOCTYPE html><html><body>a model card</body></html>';
    if (req.url?.startsWith('/owner/repo/blob/')) return res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
    if (req.url?.startsWith('/untyped-page')) return res.writeHead(200, { 'Content-Length': page.length + 2 }).end(`\n ${page}`);
    if (req.url?.startsWith('/trickle')) {
      // A server that answers, then sends 8 bytes every 200 ms.
      res.writeHead(206, { 'Content-Range': `bytes 0-${(1 << 18) - 1}/${file.length}`, 'Content-Length': 1 << 18 });
      const timer = setInterval(() => res.write(Buffer.alloc(8)), 200);
      res.on('close', () => clearInterval(timer));
      return;
    }
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
    await expect(remoteSource(`${base}/slow`, { fetch: never, stallMs: 50 })).rejects.toThrow(`${base}/slow stalled: no bytes arrived for 50 ms`);
  });

  it('gives up a body that stops sending, naming the address, and stops at once on a cancel', async () => {
    // 8 bytes every 200 ms never stalls for a second: only a shorter stall time catches it.
    await expect(remoteSource(`${base}/trickle/model.safetensors`, { stallMs: 100 })).rejects.toThrow(`${base}/trickle/model.safetensors stalled: no bytes arrived for 100 ms`);
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(), 100);
    await expect(remoteSource(`${base}/trickle/model.safetensors`, { signal: cancel.signal })).rejects.toMatchObject({ name: 'AbortError' });
    // Listing a folder (the layout probes included) obeys the same cancel.
    const early = new AbortController();
    early.abort();
    await expect(openRemote(`${base}/trickle/`, { signal: early.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('says an address returned a web page (by its type or by its first bytes), and what to use instead', async () => {
    await expect(remoteSource(`${base}/owner/repo/blob/main/model.safetensors`)).rejects.toThrow(
      `${base}/owner/repo/blob/main/model.safetensors returned a web page, not a safetensors file: use the download address ${base}/owner/repo/resolve/main/model.safetensors instead`,
    );
    await expect(openRemote(`${base}/untyped-page/model.safetensors`)).rejects.toThrow(/^http:\S+\/untyped-page\/model.safetensors returned a web page, not a safetensors file: .*\/resolve\//);
  });

  it('names a file once in its errors, with sizes in human units', async () => {
    await expect(openLocal([{ path: 'empty.safetensors', blob: new Blob([]) }])).rejects.toThrow(/^empty.safetensors: the file is 0 bytes, shorter than the 8-byte header length$/);
    const huge = new Uint8Array(16);
    new DataView(huge.buffer).setBigUint64(0, 2n ** 62n, true);
    await expect(openLocal([{ path: 'huge.safetensors', blob: new Blob([huge]) }])).rejects.toThrow(/^huge.safetensors: the header claims 4.0 EB, more than any real header \(100.0 MB\)/);
    await expect(openRemote(`${base}/missing/model.safetensors`)).rejects.toThrow(/^http:\S+\/missing\/model.safetensors was not found \(HTTP 404\)/);
    const page = new TextEncoder().encode('<html><body>saved page</body></html>');
    await expect(openLocal([{ path: 'saved.safetensors', blob: new Blob([page]) }])).rejects.toThrow(/^saved.safetensors: .*a web page \(HTML\), not a safetensors file/);
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
