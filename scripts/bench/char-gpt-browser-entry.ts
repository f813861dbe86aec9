// Bundled by scripts/bench-char-gpt-browser.mts and run in Chromium: the page's generation path
// (CharGptSession on onnxruntime-web wasm, weights fed per run) with and without the KV cache.
import * as ort from 'onnxruntime-web/wasm';
import type { CharGptConfig } from '../../lib/models/char-gpt';
import { CharGptSession } from '../../lib/onnx/char-gpt-session';
import type { OrtModule } from '../../lib/runtime/ort-types';
import { readSafetensors } from '../../lib/tensors/safetensors';

export interface BrowserCase {
  name: string;
  prompts: number[][];
  chars: number;
}

export interface BrowserResult {
  name: string;
  chars: number;
  window: number;
  cached: number;
  sameText: boolean;
}

async function benchCharGpt(cfg: CharGptConfig, weightsUrl: string, cases: BrowserCase[]): Promise<BrowserResult[]> {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.wasmPaths = '/ort/';
  const ws = readSafetensors(new Uint8Array(await (await fetch(weightsUrl)).arrayBuffer()));
  const session = await CharGptSession.create(ort as unknown as OrtModule, cfg);
  const o = { temperature: 0.9, topK: 20, seed: 7 };
  const results: BrowserResult[] = [];
  for (const k of cases) {
    const run = async (cache: boolean) => {
      await session.generate(ws, k.prompts, { ...o, maxNewChars: 2 }, undefined, cache); // warm-up
      const t0 = performance.now();
      const ids = await session.generate(ws, k.prompts, { ...o, maxNewChars: k.chars }, undefined, cache);
      const seconds = (performance.now() - t0) / 1000;
      return { rate: ids.reduce((n, r) => n + r.length, 0) / seconds, ids };
    };
    const window = await run(false), cached = await run(true);
    results.push({ name: k.name, chars: k.chars, window: window.rate, cached: cached.rate, sameText: JSON.stringify(window.ids) === JSON.stringify(cached.ids) });
  }
  await session.release();
  return results;
}

(globalThis as unknown as { benchCharGpt: typeof benchCharGpt }).benchCharGpt = benchCharGpt;
