'use client';
import * as Comlink from 'comlink';
import { useCallback, useState } from 'react';
import type { DemoEvent } from '@/lib/demo/contract';
import type { Progress } from '@/lib/util/progress';
import type { RemoteEngine } from './engine-client';

/** The engine a page talks to (null while it starts or after it died) and its restart count. */
export interface EngineLink {
  engine: RemoteEngine | null;
  generation: number;
}

/** A comlink callback that turns a running call's progress events into state. */
export const progressListener = (set: (p: Progress) => void) =>
  Comlink.proxy((e: DemoEvent) => {
    if (e.kind === 'progress') set({ stage: e.stage, loaded: e.loaded, total: e.total });
  });

/** One on-demand engine call (a sweep, a measurement, a decomposition): its result, progress and error. */
export function useEngineCall<A extends unknown[], R>(call: (engine: RemoteEngine, onEvent: (e: DemoEvent) => void, ...args: A) => Promise<R>, engine: RemoteEngine | null) {
  const [result, setResult] = useState<R | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (...args: A): Promise<R | null> => {
      if (!engine) return null;
      setError(null);
      setResult(null);
      setBusy(true);
      try {
        const r = await call(engine, progressListener(setProgress), ...args);
        setResult(() => r);
        return r;
      } catch (e) {
        setError((e as Error).message);
        throw e;
      } finally {
        setProgress(null);
        setBusy(false);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [engine],
  );
  return { run, result, progress, error, busy };
}

/** Downloads go through here: the engine writes the edited weights of a recipe as safetensors. */
export function useExportWeights(engine: RemoteEngine | null) {
  return useCallback(async (recipe: unknown) => {
    if (!engine) throw new Error('the engine is not running');
    return engine.exportSafetensors(recipe, 'F32');
  }, [engine]);
}
