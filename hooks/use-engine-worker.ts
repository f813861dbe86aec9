'use client';
import * as Comlink from 'comlink';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { type BackendRequest, backendRequestSchema } from '@/lib/backend/resolve-backend';
import type { BackendStatus } from '@/lib/engine/lab-engine';
import { type RemoteEngine, startEngine } from './engine-client';

export interface EngineState {
  engine: RemoteEngine | null;
  status: BackendStatus | null;
  error: string | null;
  request: BackendRequest;
  setRequest(r: BackendRequest): void;
  restart(): void;
  /** Bumped on every (re)start: pages reload their checkpoints when it changes. */
  generation: number;
  /** False until a component that computes asks for the engine: pages that compute nothing never start it. */
  started: boolean;
  want(): void;
}

/** The backend request lives in the URL (?backend=), so a shared link runs on the same backend. */
function readRequest(): BackendRequest {
  const raw = new URLSearchParams(window.location.search).get('backend');
  const parsed = backendRequestSchema.safeParse(raw ?? 'auto');
  return parsed.success ? parsed.data : 'auto';
}

/** tfjs-wasm threads asked for in the URL (?threads=N), else the default rule (lib/backend/wasm-threaded.ts). */
function readThreads(): number | undefined {
  const n = Number(new URLSearchParams(window.location.search).get('threads'));
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

/**
 * Owns the engine worker: starts it on first want(), restarts it on a new backend request or
 * restart(), and ends it on unmount. One instance per app (EngineProvider shares it).
 */
export function useEngineWorker(): EngineState {
  const [request, setRequestState] = useState<BackendRequest>('auto');
  const [status, setStatus] = useState<BackendStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [engine, setEngine] = useState<RemoteEngine | null>(null);
  const [generation, setGeneration] = useState(0);
  const [started, setStarted] = useState(false);

  useEffect(() => setRequestState(readRequest()), []);

  useEffect(() => {
    if (!started) return;
    let alive = true;
    setError(null);
    setStatus(null);
    const h = startEngine((message) => {
      if (!alive) return;
      setError(`The engine stopped: ${message}`);
      setEngine(null); // calls in flight have rejected; nothing new goes to a dead worker
    });
    h.remote
      .init(request, { threads: readThreads() })
      .then((s) => {
        if (!alive) return;
        setStatus(s);
        setEngine(() => h.remote);
      })
      .catch((e: Error) => alive && setError(`The engine could not start: ${e.message}`));
    return () => {
      alive = false;
      h.remote[Comlink.releaseProxy]();
      h.terminate();
      setEngine(null);
    };
  }, [started, request, generation]);

  const setRequest = useCallback((r: BackendRequest) => {
    const url = new URL(window.location.href);
    if (r === 'auto') url.searchParams.delete('backend');
    else url.searchParams.set('backend', r);
    window.history.replaceState(window.history.state, '', url);
    setRequestState(r);
  }, []);

  const restart = useCallback(() => setGeneration((g) => g + 1), []);
  const want = useCallback(() => setStarted(true), []);
  return useMemo(
    () => ({ engine, status, error, request, setRequest, restart, generation, started, want }),
    [engine, status, error, request, setRequest, restart, generation, started, want],
  );
}
