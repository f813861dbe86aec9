import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendName } from './resolve-backend';
import { defaultThreads, defaultThreadsNote, threadsUnavailable, useThreadedWasm } from './wasm-threaded';

/** Why tfjs computes on one thread (null when it has more, or on WebGPU): shown in the backend badge. */
let threadsNote: string | null = null;

/**
 * Activates a tfjs backend. WebGPU is imported only when asked for: it does not exist in Node.
 * `wasmPaths` is where the browser finds tfjs-backend-wasm's files (Node finds them itself);
 * with it, in a cross-origin isolated context, wasm starts its threaded build
 * (lib/backend/wasm-threaded.ts) and falls back to the single-threaded SIMD build, with the reason
 * kept for `tfjsThreadsNote`, if that fails.
 */
export async function activateBackend(name: BackendName, options: { wasmPaths?: string; threads?: number } = {}): Promise<void> {
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  let undoThreads: (() => void) | null = null;
  if (name === 'wasm') {
    threadsNote = options.wasmPaths ? threadsUnavailable() : 'tfjs-wasm has no threads in Node';
    const cores = globalThis.navigator?.hardwareConcurrency ?? 1;
    const threads = options.threads ?? defaultThreads(cores);
    if (threadsNote === null && threads < 2) threadsNote = defaultThreadsNote(cores);
    if (options.wasmPaths) setWasmPaths(options.wasmPaths);
    if (threadsNote === null && options.wasmPaths) undoThreads = useThreadedWasm(options.wasmPaths, threads);
    if (threadsNote !== null) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  }
  let ok: boolean;
  if (undoThreads) {
    // tfjs reports a backend whose start-up threw as not started (false) and logs the error.
    ok = await tf.setBackend(name).catch(() => false);
    if (!ok) {
      undoThreads();
      threadsNote = 'the threaded wasm build failed to start; see the console';
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      ok = await tf.setBackend(name);
    }
  } else ok = await tf.setBackend(name);
  await tf.ready();
  if (!ok || tf.getBackend() !== name) throw new Error(`the ${name} backend failed to start`);
  if (name === 'wasm' && threadsNote === null && getThreadsCount() < 2) threadsNote = 'the threaded wasm build started with one thread';
}

export const liveTensorCount = (): number => tf.memory().numTensors;

/** Threads the active backend computes with: wasm reports its own; cpu is one; WebGPU has none to count (null). */
export const tfjsThreads = (name: BackendName): number | null => (name === 'wasm' ? getThreadsCount() : name === 'cpu' ? 1 : null);

/** Why the active backend computes on one thread, if it could have had more. */
export const tfjsThreadsNote = (name: BackendName): string | null => (name === 'wasm' ? threadsNote : name === 'cpu' ? 'the cpu backend has one thread' : null);
