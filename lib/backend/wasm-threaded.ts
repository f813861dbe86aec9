import * as tf from '@tensorflow/tfjs-core';
import { BackendWasm, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import threadedFactory from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';
import { wasmWorkerContents } from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js';

/** The threaded build's files, as scripts/copy-vendor.cjs serves them next to the other binaries. */
export const THREADED_SCRIPT = 'tfjs-backend-wasm-threaded-simd.js';
const THREADED_BINARY = 'tfjs-backend-wasm-threaded-simd.wasm';
/** tfjs-wasm starts 8 pthread workers; the default stays well within them. */
const MAX_THREADS = 4;

/** Why a runtime cannot run the threaded build, or null when it can (shared memory and wasm threads). */
export function threadsUnavailable(): string | null {
  const g = globalThis as { crossOriginIsolated?: boolean; SharedArrayBuffer?: unknown; Worker?: unknown; navigator?: { hardwareConcurrency?: number } };
  if (typeof g.Worker !== 'function') return 'no Web Workers here';
  if (g.crossOriginIsolated !== true) return 'the page is not cross-origin isolated, so there is no shared memory for threads';
  if (typeof g.SharedArrayBuffer !== 'function') return 'SharedArrayBuffer is unavailable';
  if ((g.navigator?.hardwareConcurrency ?? 1) < 2) return 'the browser reports one logical core';
  return null;
}

/**
 * Threads by default: tfjs-wasm's own rule, half the logical cores the browser reports (two
 * hyper-threads per core), at least 1 and at most MAX_THREADS. Measured on a 2-core machine busy
 * with other jobs (npm run bench:decompose:browser, docs/benchmarks.md), two threads were slower
 * than one; a page can still ask for more with ?threads=N.
 */
export const defaultThreads = (logicalCores: number): number => Math.max(1, Math.min(MAX_THREADS, Math.floor(logicalCores / 2)));

export const defaultThreadsNote = (logicalCores: number): string =>
  `tfjs-wasm takes half of the ${logicalCores} logical core${logicalCores === 1 ? '' : 's'} the browser reports; add ?threads=2 to the address to ask for two`;

/**
 * Starts tfjs-wasm's threaded SIMD build with `threads` threads. tfjs's own start-up cannot work
 * in a bundled app: it hands its pthread workers the factory's function source (`toString()`),
 * which a bundler's minifier has cut off from the names it uses. Here the workers load the
 * build's own script from `prefix` instead (copied unchanged to the vendor folder).
 * The build also caps threads at half of navigator.hardwareConcurrency whatever is asked, so for
 * an explicit ?threads=N above that the worker reports twice N while the module starts, and its
 * own value afterwards.
 */
export async function startThreadedWasm(prefix: string, threads: number): Promise<BackendWasm> {
  const base = new URL(prefix, (globalThis as { location?: { href: string } }).location?.href ?? 'http://localhost/').href;
  const nav = globalThis.navigator as Navigator;
  Object.defineProperty(nav, 'hardwareConcurrency', { configurable: true, get: () => 2 * threads });
  // The worker source holds "\n" escapes inside its strings, which the template literal it ships
  // in has turned into real line breaks: escape them again, as tfjs does.
  const workerUrl = URL.createObjectURL(new Blob([wasmWorkerContents.replace(/\n/g, '\\n')], { type: 'text/javascript' }));
  try {
    setThreadsCount(threads);
    const wasm = (await threadedFactory({
      mainScriptUrlOrBlob: base + THREADED_SCRIPT,
      locateFile: (path: string) => (path.endsWith('.worker.js') ? workerUrl : path.endsWith('.wasm') ? base + THREADED_BINARY : base + path),
    })) as ConstructorParameters<typeof BackendWasm>[0];
    wasm.tfjs = {
      init: wasm.cwrap('init', null, []),
      initWithThreadsCount: wasm.cwrap('init_with_threads_count', null, ['number']),
      getThreadsCount: wasm.cwrap('get_threads_count', 'number', []),
      registerTensor: wasm.cwrap('register_tensor', null, ['number', 'number', 'number']),
      disposeData: wasm.cwrap('dispose_data', null, ['number']),
      dispose: wasm.cwrap('dispose', null, []),
    } as typeof wasm.tfjs;
    return new BackendWasm(wasm);
  } finally {
    delete (nav as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}

/**
 * Registers the threaded start-up as the `wasm` backend (tfjs keeps the factory registered at
 * import for the fallback). Call before `tf.setBackend('wasm')`.
 */
export function useThreadedWasm(prefix: string, threads: number): () => void {
  const standard = tf.findBackendFactory('wasm');
  if (threadedFactories.has(standard)) return () => {};
  const threaded = () => startThreadedWasm(prefix, threads);
  threadedFactories.add(threaded);
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', threaded, 2);
  return () => {
    tf.removeBackend('wasm');
    if (standard) tf.registerBackend('wasm', standard, 2);
  };
}

/** Factories registered here (`tf.findBackend` would start a backend just to look at it). */
const threadedFactories = new Set<unknown>();
