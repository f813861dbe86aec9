import { z } from 'zod';

export const backendNames = ['webgpu', 'wasm', 'cpu'] as const;
export type BackendName = (typeof backendNames)[number];
export const backendRequestSchema = z.enum(['auto', ...backendNames]);
export type BackendRequest = z.infer<typeof backendRequestSchema>;

export interface Capabilities {
  /** null when navigator.gpu is missing or requestAdapter() gave nothing. */
  webgpu: { adapter: string; isFallbackAdapter: boolean } | null;
  wasm: boolean;
}

export interface BackendChoice {
  backend: BackendName;
  reason: string;
}

/**
 * "auto" takes WebGPU only on a hardware adapter: a software fallback (SwiftShader) is 10-100x
 * slower than wasm. A forced choice that cannot run falls back in the same order, and says so.
 */
export function resolveBackend(request: BackendRequest, caps: Capabilities): BackendChoice {
  const gpu = caps.webgpu;
  const fallback = (why: string): BackendChoice =>
    caps.wasm ? { backend: 'wasm', reason: `${why}; using wasm` } : { backend: 'cpu', reason: `${why}; wasm unavailable, using cpu` };

  switch (request) {
    case 'cpu':
      return { backend: 'cpu', reason: 'cpu requested' };
    case 'wasm':
      return caps.wasm ? { backend: 'wasm', reason: 'wasm requested' } : { backend: 'cpu', reason: 'wasm requested but unavailable; using cpu' };
    case 'webgpu':
      return gpu ? { backend: 'webgpu', reason: `webgpu requested (${gpu.adapter})` } : fallback('webgpu requested but no adapter');
    case 'auto':
      if (!gpu) return fallback('no WebGPU adapter');
      if (gpu.isFallbackAdapter) return fallback(`WebGPU adapter "${gpu.adapter}" is a software fallback`);
      return { backend: 'webgpu', reason: `hardware WebGPU adapter (${gpu.adapter})` };
  }
}
