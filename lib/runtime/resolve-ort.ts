import type { BackendName } from '../backend/resolve-backend';

/**
 * Which onnxruntime-web build runs inference: the JSEP build (WebGPU, falling back to its own wasm
 * kernels) or the plain wasm build, 14 MB raw / 3.7 MB gzip instead of 28 MB / 6.7 MB.
 */
export type OrtBuild = 'jsep' | 'wasm';

export interface OrtChoice {
  build: OrtBuild;
  executionProviders: ('webgpu' | 'wasm')[];
  /** ORT's wasm threads. One: the same bits on every run, so links reproduce numbers exactly. */
  threads: number;
  reason: string;
}

/**
 * ORT follows the tfjs backend that actually started: the WebGPU build only when tfjs runs on
 * WebGPU (a hardware adapter, or a forced request), so a wasm page never downloads it.
 */
export function resolveOrt(tfjsBackend: BackendName): OrtChoice {
  if (tfjsBackend === 'webgpu') {
    return { build: 'jsep', executionProviders: ['webgpu', 'wasm'], threads: 1, reason: 'tfjs runs on WebGPU, so ORT does too (its wasm kernels as fallback)' };
  }
  const why = tfjsBackend === 'wasm' ? 'tfjs runs on wasm' : 'ORT has no plain-JavaScript backend; wasm is the nearest';
  return { build: 'wasm', executionProviders: ['wasm'], threads: 1, reason: `${why}; single-threaded so results repeat bit for bit` };
}

/** InferenceSession.create options for a choice. */
export const ortSessionOptions = (c: OrtChoice): Record<string, unknown> => ({ executionProviders: c.executionProviders });
