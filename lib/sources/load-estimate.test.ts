import { describe, expect, it } from 'vitest';
import { type CacheStorageLike, cacheStorageCache, memoryCache, cachedSource } from './byte-cache';
import { bytesSource } from './byte-source';
import { ARRAY_BUFFER_MAX, type DeviceLimits, WASM_MEMORY_MAX } from './device-limits';
import { estimateDecompositionBytes } from '../decompose/memory-estimate';
import { describeRefusal, estimateLoad } from './load-estimate';

const gpt2Small = [
  { name: 'wte.weight', shape: [50257, 768] },
  ...Array.from({ length: 12 }, (_, i) => [
    { name: `h.${i}.attn.c_attn.weight`, shape: [768, 2304] },
    { name: `h.${i}.mlp.c_fc.weight`, shape: [768, 3072] },
    { name: `h.${i}.mlp.c_proj.weight`, shape: [3072, 768] },
  ]).flat(),
];
const wasm: DeviceLimits = { backend: 'wasm', arrayBufferMax: ARRAY_BUFFER_MAX, wasmMemoryMax: WASM_MEMORY_MAX, tabBudget: 2 * 2 ** 30 };

describe('memory estimate against the device', () => {
  it('counts every tensor as float32 and fits GPT-2 small with two fine-tunes on wasm', () => {
    const e = estimateLoad(gpt2Small, 2, { ...wasm, tabBudget: 4 * 2 ** 30 });
    expect(e.perTensor[0]).toEqual({ name: 'wte.weight', bytes: 50257 * 768 * 4 });
    const params = 50257 * 768 + 12 * (768 * 2304 + 2 * 768 * 3072);
    expect(e.checkpointBytes).toBe(3 * params * 4);
    // factored layout: Z and Z^T tau_i per matrix, one layer x k in flight, one edited model
    expect(e.decompositionBytes).toBe(estimateDecompositionBytes(gpt2Small.map((t) => t.shape), 2));
    expect(e.decompositionBytes).toBeLessThan(2 * 3 * params * 4); // the old full + shared + unique per task
    expect(e.problems).toEqual([]);
    expect(describeRefusal(e)).toBeNull();
  });

  it('refuses, in words, a tensor larger than one buffer, one the GPU cannot bind, and a total over the tab budget', () => {
    const huge = [{ name: 'embed.weight', shape: [256000, 4096] }]; // 4 GB as float32
    const refusal = describeRefusal(estimateLoad(huge, 1, wasm))!;
    expect(refusal).toMatch(/^This will not fit: tensor embed\.weight needs 3\.9 GB as float32, more than one browser buffer holds \(2\.0 GB\)/);
    expect(refusal).toMatch(/more than its 4\.0 GB/);
    expect(refusal).toMatch(/more than this tab allows/);
    const gpu = estimateLoad(gpt2Small, 1, { ...wasm, backend: 'webgpu', maxStorageBufferBindingSize: 128 * 2 ** 20, maxBufferSize: 256 * 2 ** 20, tabBudget: 8 * 2 ** 30 });
    expect(gpu.problems).toEqual(['tensor wte.weight needs 147.2 MB, more than this GPU binds in one buffer (128.0 MB): switch the backend to wasm']);
  });

  it('counts LoRA tasks at the size of their factors', () => {
    const e = estimateLoad(gpt2Small, 2, wasm, 2 * 1_000_000);
    expect(e.checkpointBytes - e.perTensor.reduce((n, t) => n + t.bytes, 0)).toBe(2_000_000);
    expect(e.decompositionBytes).toBe(6_000_000);
  });
});

describe('the tensor cache', () => {
  it('serves a second read of the same range from the cache, and reports its size and clears', async () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
    let reads = 0;
    const inner = bytesSource('http://host.test/model.safetensors', bytes);
    const counting = { ...inner, read: (b: number, e: number) => (reads++, inner.read(b, e)) };
    const cache = memoryCache();
    const src = cachedSource(counting, cache);
    expect(Array.from(await src.read(100, 300))).toEqual(Array.from(bytes.subarray(100, 300)));
    expect(Array.from(await src.read(100, 300))).toEqual(Array.from(bytes.subarray(100, 300)));
    expect(reads).toBe(1);
    expect(await cache.size()).toBe(200);
    // Another file of the same name but a different size is another key: never served stale.
    await cachedSource({ ...counting, size: 999 }, cache).read(100, 300);
    expect(reads).toBe(2);
    await cache.clear();
    expect(await cache.size()).toBe(0);
  });

  it('keeps loading when the cache refuses to store (quota)', async () => {
    const full = { ...memoryCache(), put: async () => Promise.reject(new Error('QuotaExceededError')) };
    const errors: string[] = [];
    const src = cachedSource(bytesSource('x', new Uint8Array([1, 2, 3])), full, (e) => errors.push(e.message));
    expect(Array.from(await src.read(0, 3))).toEqual([1, 2, 3]);
    expect(errors).toEqual(['QuotaExceededError']);
  });

  it('keeps bytes in Cache Storage under one named cache, sized from what it stored', async () => {
    const stores = new Map<string, Map<string, Response>>();
    const storage: CacheStorageLike = {
      open: async (name) => {
        const m = stores.get(name) ?? new Map<string, Response>();
        stores.set(name, m);
        return { match: async (k) => m.get(k)?.clone(), put: async (k, r) => void m.set(k, r), keys: async () => [...m.keys()].map((url) => ({ url })) };
      },
      delete: async (name) => stores.delete(name),
    };
    const cache = cacheStorageCache(storage);
    await cache.put('http://host.test/a|10|0-4', new Uint8Array([1, 2, 3, 4]));
    await cache.put('http://host.test/a|10|4-10', new Uint8Array(6));
    expect(Array.from((await cache.get('http://host.test/a|10|0-4'))!)).toEqual([1, 2, 3, 4]);
    expect(await cache.get('http://host.test/a|10|0-5')).toBeNull();
    expect(await cache.size()).toBe(10);
    await cache.clear();
    expect(await cache.size()).toBe(0);
  });
});
