/**
 * What this device lets one tab hold. A browser gives each ArrayBuffer at most ~2 GB (Chromium's
 * kMaxByteLength on most builds), 32-bit wasm addresses 4 GB, and a WebGPU device binds at most
 * maxStorageBufferBindingSize bytes per buffer (often 128 MB to 2 GB) out of maxBufferSize.
 */
export const ARRAY_BUFFER_MAX = 2 * 2 ** 30;
export const WASM_MEMORY_MAX = 4 * 2 ** 30;

export interface DeviceLimits {
  backend: 'webgpu' | 'wasm' | 'cpu';
  arrayBufferMax: number;
  wasmMemoryMax: number;
  /** WebGPU only: the adapter's limits. */
  maxBufferSize?: number;
  maxStorageBufferBindingSize?: number;
  /** What the app lets one tab hold in all (checkpoints and results). */
  tabBudget: number;
}

interface GpuLike {
  requestAdapter(): Promise<{ limits: { maxBufferSize: number; maxStorageBufferBindingSize: number } } | null>;
}

/** The limits of the backend in use; WebGPU's come from the adapter (a page or a worker). */
export async function readDeviceLimits(backend: DeviceLimits['backend'], tabBudget: number): Promise<DeviceLimits> {
  const base = { backend, arrayBufferMax: ARRAY_BUFFER_MAX, wasmMemoryMax: WASM_MEMORY_MAX, tabBudget };
  if (backend !== 'webgpu') return base;
  const gpu = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
  const adapter = await gpu?.requestAdapter().catch(() => null);
  if (!adapter) return base;
  return { ...base, maxBufferSize: Number(adapter.limits.maxBufferSize), maxStorageBufferBindingSize: Number(adapter.limits.maxStorageBufferBindingSize) };
}
