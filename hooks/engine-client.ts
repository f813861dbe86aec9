import * as Comlink from 'comlink';
import type { EngineApi } from '../workers/engine.worker';

export type RemoteEngine = Comlink.Remote<EngineApi>;

export interface EngineHandle {
  remote: RemoteEngine;
  terminate(): void;
}

/**
 * Starts the engine worker. `onCrash` fires when the worker dies or fails to load, so the page
 * can show a message and offer a restart instead of waiting forever.
 */
export function startEngine(onCrash: (message: string) => void): EngineHandle {
  const worker = new Worker(new URL('../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
  worker.addEventListener('error', (e) => onCrash(e.message || 'the engine worker failed to load'));
  worker.addEventListener('messageerror', () => onCrash('the engine worker sent a message that could not be read'));
  const remote = Comlink.wrap<EngineApi>(worker);
  return { remote, terminate: () => worker.terminate() };
}
