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
  const [value, setValue] = useState<T | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!engine) return;
    let alive = true;
    setError(null);
    load(engine, Comlink.proxy((p: Progress) => alive && setProgress(p)))
      .then((v) => alive && setValue(() => v))
      .catch((e: Error) => alive && setError(e.message));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [engine, generation]);

  return { value, progress, error };
}
