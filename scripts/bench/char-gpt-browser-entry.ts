// Bundled by scripts/bench-char-gpt-browser.mts and run in Chromium: the page's generation path
// (CharGptSession on onnxruntime-web wasm, weights fed per run) with and without the KV cache.
import * as ort from 'onnxruntime-web/wasm';
import type { CharGptConfig } from '../../lib/models/char-gpt';
import { CharGptSession } from '../../lib/onnx/char-gpt-session';
import type { OrtModule } from '../../lib/runtime/ort-types';
import { readSafetensors } from '../../lib/tensors/safetensors';
import type { WeightSet } from '../../lib/tensors/weight-set';

export interface BrowserCase {
  name: string;
  prompts: number[][];
  chars: number;
}

export interface BrowserRun {
  /** New characters sampled. */
  chars: number;
  seconds: number;
  ids: number[][];
}

const opened = new Map<string, Promise<{ session: CharGptSession; ws: WeightSet }>>();

async function open(cfg: CharGptConfig, weightsUrl: string) {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.wasmPaths = '/ort/';
  const ws = readSafetensors(new Uint8Array(await (await fetch(weightsUrl)).arrayBuffer()));
  return { session: await CharGptSession.create(ort as unknown as OrtModule, cfg), ws };
}

/** One timed generation (the first call for a model also opens its sessions). */
async function benchCharGpt(cfg: CharGptConfig, weightsUrl: string, k: BrowserCase, cache: boolean): Promise<BrowserRun> {
  if (!opened.has(weightsUrl)) opened.set(weightsUrl, open(cfg, weightsUrl));
  const { session, ws } = await opened.get(weightsUrl)!;
  const o = { temperature: 0.9, topK: 20, seed: 7 };
  const t0 = performance.now();
  const ids = await session.generate(ws, k.prompts, { ...o, maxNewChars: k.chars }, undefined, cache);
  return { chars: ids.reduce((n, r) => n + r.length, 0), seconds: (performance.now() - t0) / 1000, ids };
}

(globalThis as unknown as { benchCharGpt: typeof benchCharGpt }).benchCharGpt = benchCharGpt;
