'use client';
import * as Comlink from 'comlink';
import { useEffect, useState } from 'react';
import type { CheckpointInfo } from '@/lib/engine/lab-engine';
import type { RemoteEngine } from './engine-client';

/** Hands a file's bytes to the worker (transferred, not copied). */
export async function sendCheckpoint(engine: RemoteEngine, id: string, source: Blob): Promise<CheckpointInfo> {
  const bytes = await source.arrayBuffer();
  return engine.loadCheckpoint(id, Comlink.transfer(bytes, [bytes]));
}

/**
 * A new engine (after a restart or a backend switch) starts empty: give it the files the page
 * still lists, then report ready so an interrupted request can run again.
 */
export function useReloadCheckpoints(engine: RemoteEngine | null, held: { id: string; source: Blob }[]) {
  const [ready, setReady] = useState<RemoteEngine | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!engine) return setReady(null);
    let alive = true;
    (async () => {
      for (const c of held) if (!(await engine.hasCheckpoint(c.id))) await sendCheckpoint(engine, c.id, c.source);
      if (alive) setReady(() => engine);
    })().catch((e: Error) => alive && setError(`Loading your files into the restarted engine failed: ${e.message}`));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [engine]);
  return { ready, error };
}
