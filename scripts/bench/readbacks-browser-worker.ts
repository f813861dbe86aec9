// Bundled by scripts/bench-readbacks-browser.mts and run as a module worker in Chromium, as the
// app's engine worker runs: GPT-2-small block shapes with k synthetic task vectors (benchMatrix:
// rank 64 + noise floor, 4 shared directions) on the tfjs backend asked for, each matrix timed
// and its backend reads counted.
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import { benchMatrix, gpt2BlockShapes, type MatrixBenchResult } from '../../lib/engine/matrix-bench';
import { tfEngine } from '../../lib/linalg/tf-engine';

export interface ReadbacksAsk {
  backend: 'webgpu' | 'wasm' | 'cpu';
  k: number;
  /** Runs of each shape; the first includes compiling the backend's programs for it. */
  runs: number;
  shapes: string[];
}

export interface ReadbacksAnswer {
  backend: string;
  adapter: string | null;
  rows: (MatrixBenchResult & { name: string; run: number })[];
}

self.onmessage = async (e: MessageEvent<ReadbacksAsk>) => {
  const { backend, k, runs, shapes } = e.data;
  setWasmPaths('/vendor/');
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!(await tf.setBackend(backend))) throw new Error(`${backend} did not start`);
  await tf.ready();
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<{ info?: { vendor: string; architecture: string } } | null> } }).gpu;
  const info = backend === 'webgpu' ? (await gpu?.requestAdapter())?.info : undefined;
  const rows: ReadbacksAnswer['rows'] = [];
  for (const s of gpt2BlockShapes.filter((s) => shapes.includes(s.name))) {
    for (let run = 1; run <= runs; run++) rows.push({ ...(await benchMatrix({ rows: s.rows, cols: s.cols, k }, tfEngine)), name: s.name, run });
  }
  (self as unknown as Worker).postMessage({ backend: tf.getBackend(), adapter: info ? `${info.vendor} ${info.architecture}` : null, rows } satisfies ReadbacksAnswer);
};
