import * as tf from '@tensorflow/tfjs-core';

export interface ReadbackCounter {
  /** Reads from the active backend since the counter started: one per `data()`, `dataSync()` or `array()`. */
  readonly count: number;
  /** Elements read back, summed over every read. */
  readonly elements: number;
  /** Puts the backend's own read methods back. */
  stop(): void;
}

/**
 * Counts every read of the active tfjs backend by wrapping its `read` and `readSync` (what
 * `Tensor.data()`, `dataSync()` and `array()` call), so a read hidden inside an op is counted too.
 * On WebGPU each read waits for the device queue to drain and copies a buffer back: the number
 * of reads per matrix is what decides whether a decomposition stays on the device.
 */
export function countReadbacks(): ReadbackCounter {
  const backend = tf.backend() as unknown as {
    read(dataId: object): Promise<unknown>;
    readSync(dataId: object): unknown;
  };
  const own = { read: Object.hasOwn(backend, 'read'), readSync: Object.hasOwn(backend, 'readSync') };
  const { read, readSync } = backend;
  const state = { count: 0, elements: 0 };
  const sized = (values: unknown) => {
    state.count++;
    state.elements += (values as { length?: number })?.length ?? 0;
    return values;
  };
  // Some backends (wasm, cpu) answer read() through readSync(): count such a read once.
  let inRead = false;
  backend.read = async (dataId) => {
    inRead = true;
    let pending: Promise<unknown>;
    try {
      pending = read.call(backend, dataId);
    } finally {
      inRead = false;
    }
    return sized(await pending);
  };
  backend.readSync = (dataId) => (inRead ? readSync.call(backend, dataId) : sized(readSync.call(backend, dataId)));
  return {
    get count() {
      return state.count;
    },
    get elements() {
      return state.elements;
    },
    stop() {
      if (own.read) backend.read = read;
      else delete (backend as { read?: unknown }).read;
      if (own.readSync) backend.readSync = readSync;
      else delete (backend as { readSync?: unknown }).readSync;
    },
  };
}
