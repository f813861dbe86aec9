import type { Capabilities } from './resolve-backend';

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
}

/** What this runtime offers. Works in a page, a worker, and Node (where there is no WebGPU). */
export async function detectCapabilities(): Promise<Capabilities> {
  const wasm = typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function';
  const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } } }).navigator?.gpu;
  if (!gpu) return { webgpu: null, wasm };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { webgpu: null, wasm };
    const info = adapter.info ?? {};
    const name = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown adapter';
    return { webgpu: { adapter: name, isFallbackAdapter: Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) }, wasm };
  } catch {
    return { webgpu: null, wasm };
  }
}
