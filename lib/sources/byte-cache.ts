import type { ByteSource } from './byte-source';
import type { FolderReader } from './open-checkpoint';

/**
 * Where downloaded tensor bytes are kept so a second load of the same file does not download it
 * again. Behind an interface: the page uses Cache Storage, Node tests a memory map.
 */
export interface ByteCache {
  get(key: string): Promise<Uint8Array | null>;
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** Bytes held. */
  size(): Promise<number>;
  clear(): Promise<void>;
}

export function memoryCache(): ByteCache {
  const map = new Map<string, Uint8Array>();
  return {
    get: async (k) => map.get(k) ?? null,
    put: async (k, b) => void map.set(k, b.slice()),
    size: async () => [...map.values()].reduce((n, b) => n + b.length, 0),
    clear: async () => map.clear(),
  };
}

/** The part of the Cache Storage API used here (window.caches and WorkerGlobalScope.caches). */
export interface CacheStorageLike {
  open(name: string): Promise<{
    match(key: string): Promise<Response | undefined>;
    put(key: string, r: Response): Promise<void>;
    keys(): Promise<readonly { url: string }[]>;
  }>;
  delete(name: string): Promise<boolean>;
}

export const CACHE_NAME = 'tvlab-tensors-v1';
/** Cache Storage keys are requests: a fixed host that is never fetched turns a key into a URL. */
const keyUrl = (key: string) => `https://cache.invalid/${encodeURIComponent(key)}`;

export function cacheStorageCache(storage: CacheStorageLike, name = CACHE_NAME): ByteCache {
  return {
    async get(key) {
      const r = await (await storage.open(name)).match(keyUrl(key));
      return r ? new Uint8Array(await r.arrayBuffer()) : null;
    },
    async put(key, bytes) {
      const body = new Uint8Array(bytes); // a copy the Response owns
      await (await storage.open(name)).put(keyUrl(key), new Response(body, { headers: { 'Content-Length': String(body.length) } }));
    },
    async size() {
      const cache = await storage.open(name);
      let n = 0;
      for (const req of await cache.keys()) n += Number((await cache.match(req.url))?.headers.get('Content-Length') ?? 0);
      return n;
    },
    clear: async () => void (await storage.delete(name)),
  };
}

/**
 * Reads through a cache. The key holds the file's address, its size and the byte range, so a file
 * that changed size on the server is not served stale; sources read whole tensors, one key each.
 */
export function cachedSource(source: ByteSource, cache: ByteCache, onError?: (e: Error) => void): ByteSource {
  return {
    ...source,
    async read(begin, end, signal) {
      const key = `${source.name}|${source.size}|${begin}-${end}`;
      const hit = await cache.get(key).catch(() => null);
      if (hit && hit.length === end - begin) return hit;
      const bytes = await source.read(begin, end, signal);
      // A full cache (quota) must not fail the load: the bytes are here, only the cache misses out.
      await cache.put(key, bytes).catch((e: Error) => onError?.(e));
      return bytes;
    },
  };
}

/** A folder whose files read through the cache. */
export function cachedFolder(folder: FolderReader, cache: ByteCache, onError?: (e: Error) => void): FolderReader {
  return { ...folder, open: async (file) => cachedSource(await folder.open(file), cache, onError) };
}
