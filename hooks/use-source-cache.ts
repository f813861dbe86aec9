'use client';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { type ByteCache, cacheStorageCache, type CacheStorageLike } from '@/lib/sources/byte-cache';

/** The tab's tensor cache (Cache Storage when the browser offers it), its size and a clear. */
export function useSourceCache() {
  const cache: ByteCache | null = useMemo(() => {
    const storage = (globalThis as { caches?: CacheStorageLike }).caches;
    return storage ? cacheStorageCache(storage) : null;
  }, []);
  const [size, setSize] = useState<number | null>(null);
  const refresh = useCallback(async () => setSize(cache ? await cache.size().catch(() => null) : null), [cache]);
  const clear = useCallback(async () => {
    await cache?.clear();
    await refresh();
  }, [cache, refresh]);
  useEffect(() => void refresh(), [refresh]);
  return { cache, size, refresh, clear };
}
