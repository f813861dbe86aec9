import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendName } from './resolve-backend';

/**
 * Activates a tfjs backend. WebGPU is imported only when asked for: it does not exist in Node.
 * `wasmPaths` is where the browser finds tfjs-backend-wasm's .wasm files (Node finds them itself).
 */
export async function activateBackend(name: BackendName, options: { wasmPaths?: string } = {}): Promise<void> {
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  if (name === 'wasm') {
    // The threaded wasm build starts its pthread workers from its own function source, which a
    // bundler's minifier breaks ("r is not defined"): use the single-threaded SIMD build.
    // Tried: serving the build's unminified script (wasm-out/) and handing it to the workers in
    // place of that source makes all 8 pool workers load and instantiate, without errors, but
    // getThreadsCount() still reports 1 even after setThreadsCount(4): not yet understood.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (options.wasmPaths) setWasmPaths(options.wasmPaths);
  }
  const ok = await tf.setBackend(name);
  await tf.ready();
  if (!ok || tf.getBackend() !== name) throw new Error(`the ${name} backend failed to start`);
}

export const activeBackend = (): string => tf.getBackend();
export const liveTensorCount = (): number => tf.memory().numTensors;

/** Threads the active backend computes with: wasm reports its own; cpu is one; WebGPU has none to count (null). */
export const tfjsThreads = (name: BackendName): number | null => (name === 'wasm' ? getThreadsCount() : name === 'cpu' ? 1 : null);
