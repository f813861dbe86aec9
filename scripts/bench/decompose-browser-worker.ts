// Bundled by scripts/bench-decompose-browser.mts and run as a module worker in Chromium, as the
// app's engine worker runs: one GPT-2-small block (4 weight matrices) with k = 3 planted task
// vectors, split by factorMatrices on tfjs-wasm, in the build and thread count asked for.
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { useThreadedWasm } from '../../lib/backend/wasm-threaded';
import { factorMatrices } from '../../lib/decompose/decompose-matrices';
import { defaultDecomposeOptions } from '../../lib/decompose/options';
import { tfEngine } from '../../lib/linalg/tf-engine';
import { plantedTasks } from '../../lib/synthetic/planted';

export interface WorkerAsk {
  /** 0: the single-threaded SIMD build; n: the threaded build with n threads. */
  threads: number;
  runs: number;
}

export interface WorkerAnswer {
  threads: number;
  /** Wall seconds of each run over the block (data generation excluded). */
  seconds: number[];
  ranks: number[][];
}

const SHAPES: [number, number][] = [[768, 2304], [768, 768], [768, 3072], [3072, 768]];

self.onmessage = async (e: MessageEvent<WorkerAsk>) => {
  const { threads, runs } = e.data;
  setWasmPaths('/vendor/');
  if (threads > 0) useThreadedWasm('/vendor/', threads);
  else tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm did not start');
  const block = SHAPES.map(([d, n], i) =>
    plantedTasks({ d, n, k: 3, sharedDim: 4, privateDim: 12, noise: 0.05, seed: 11 + i }).tasks.map((W) => ({ ...W, data: Float32Array.from(W.data) })),
  );
  const seconds: number[] = [];
  let ranks: number[][] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    ranks = [];
    for (const Ws of block) ranks.push((await factorMatrices(Ws, defaultDecomposeOptions, tfEngine)).diagnostics.ranks);
    seconds.push((performance.now() - t0) / 1000);
  }
  (self as unknown as Worker).postMessage({ threads: getThreadsCount(), seconds, ranks } satisfies WorkerAnswer);
};
