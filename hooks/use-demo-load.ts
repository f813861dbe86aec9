'use client';
import * as Comlink from 'comlink';
import { useEffect, useState } from 'react';
import type { Progress } from '@/components/ui/progress-bar';
import { useEngine } from '@/components/engine/engine-provider';
import type { RemoteEngine } from './engine-client';

/**
 * Loads a demo's models in the worker once the engine is up (and again after a restart),
 * reporting progress; a failure becomes a message, never a blank page.
 */
export function useDemoLoad<T>(load: (engine: RemoteEngine, onProgress: (p: Progress) => void) => Promise<T>) {
  const { engine, generation } = useEngine();
  // The value belongs to the engine that loaded it: a restarted engine starts empty.
  const [loaded, setLoaded] = useState<{ engine: RemoteEngine; value: T } | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!engine) return;
    let alive = true;
    setError(null);
    load(engine, Comlink.proxy((p: Progress) => alive && setProgress(p)))
      .then((value) => alive && setLoaded({ engine, value }))
      .catch((e: Error) => alive && setError(e.message));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [engine, generation]);

  return { value: loaded && loaded.engine === engine ? loaded.value : null, progress, error };
}
