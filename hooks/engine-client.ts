import * as Comlink from 'comlink';
import { StopSignal } from '@/lib/util/stop-signal';
import type { EngineApi } from '../workers/engine.worker';

export type RemoteEngine = Comlink.Remote<EngineApi>;

export interface EngineHandle {
  remote: RemoteEngine;
  terminate(): void;
}

export class EngineStoppedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineStoppedError';
  }
}

/**
 * Starts the engine worker. `onCrash` fires when the worker fails to load, throws, or dies
 * (closed, killed, out of memory): every call in flight then rejects with EngineStoppedError
 * instead of waiting forever, so pages clear their "updating" states and can restart.
 *
 * Death is seen through a Web Lock the worker holds for its whole life: the browser releases it
 * when the worker goes away, whatever the cause, even while the worker is busy computing (a
 * heartbeat cannot tell busy from dead).
 */
export function startEngine(onCrash: (message: string) => void): EngineHandle {
  const worker = new Worker(new URL('../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
  const stopped = new StopSignal();
  let dead = false;
  const crash = (message: string) => {
    if (dead) return;
    dead = true;
    stopped.stop(new EngineStoppedError(`The engine stopped: ${message}. Restart it to go on; what this page had loaded is loaded again.`));
    onCrash(message);
  };
  worker.addEventListener('error', (e) => crash(e.message || 'the engine worker failed to load'));
  worker.addEventListener('messageerror', () => crash('the engine worker sent a message that could not be read'));
  const raw = Comlink.wrap<EngineApi>(worker);
  watchLife(raw, () => crash('the engine worker ended unexpectedly (closed, killed or out of memory)'));
  let terminated = false;
  const remote = new Proxy(raw, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (typeof prop === 'symbol' || prop === 'then') return value;
      return (...args: unknown[]) => stopped.guard(() => (value as (...a: unknown[]) => Promise<unknown>)(...args));
    },
  }) as RemoteEngine;
  // Under automation only (navigator.webdriver): tests kill the worker the way a crash would (even
  // while it computes; a dying worker cannot be told apart from this) and count its live tensors.
  if (navigator.webdriver) (window as unknown as { __engineTestHooks?: unknown }).__engineTestHooks = { crash: () => worker.terminate(), liveTensors: () => raw.liveTensors() };
  return {
    remote,
    terminate: () => {
      terminated = true;
      dead = true;
      worker.terminate();
    },
  };

  async function watchLife(r: RemoteEngine, onDeath: () => void) {
    if (!('locks' in navigator)) return;
    const name = `tvlab-engine-${crypto.randomUUID()}`;
    try {
      await r.holdLifeLock(name);
    } catch {
      return;
    }
    // Granted only once the worker no longer holds it: the worker is gone.
    await navigator.locks.request(name, async () => {});
    if (!terminated) onDeath();
  }
}
