import { detectCapabilities } from '../backend/detect-capabilities';
import { type BackendChoice, type BackendRequest, type Capabilities, resolveBackend } from '../backend/resolve-backend';
import { activateBackend, tfjsThreads, tfjsThreadsNote } from '../backend/tf-runtime';
import { type OrtChoice, resolveOrt } from './resolve-ort';

/** Both runtimes as chosen, with reasons: what the backend badge shows. */
export interface RuntimeStatus extends BackendChoice {
  capabilities: Capabilities;
  /** What onnxruntime will use when a demo first opens a session (it loads only then). */
  ort: OrtChoice;
  /**
   * Threads computing, where known: tfjs (null on WebGPU, where the GPU does the work) and ORT's
   * wasm threads; `tfjsNote` says why tfjs has only one where it could have had more.
   */
  threads: { tfjs: number | null; ort: number; tfjsNote?: string };
}

/**
 * Detects what this runtime offers, starts the tfjs backend for `request` (falling back when an
 * advertised backend fails to start) and picks ORT's build and provider to match the backend that started.
 */
export async function startRuntime(request: BackendRequest, config: { wasmPaths?: string; threads?: number } = {}): Promise<RuntimeStatus> {
  const capabilities = await detectCapabilities();
  let choice = resolveBackend(request, capabilities);
  try {
    await activateBackend(choice.backend, config);
  } catch (e) {
    // A backend that is advertised but fails to start (old driver, blocked wasm) is not fatal.
    const next = choice.backend === 'webgpu' && capabilities.wasm ? 'wasm' : 'cpu';
    await activateBackend(next, config);
    choice = { backend: next, reason: `${choice.backend} failed to start (${(e as Error).message}); using ${next}` };
  }
  const ort = resolveOrt(choice.backend);
  const note = tfjsThreadsNote(choice.backend);
  return { ...choice, capabilities, ort, threads: { tfjs: tfjsThreads(choice.backend), ort: ort.threads, ...(note ? { tfjsNote: note } : {}) } };
}
