// npm run bench:char-gpt: characters per second of the shipped detox char GPT on onnxruntime-web
// (wasm, single thread, in Node), full-window graph against the KV-cache graph, for one prompt
// (the detox page's generation) and for a batch (its live toxicity measure: 10 prompts x seeds).
import * as ort from 'onnxruntime-web';
import { readFileSync } from 'node:fs';
import { EVAL_PROMPTS } from '../lib/demos/detox/dataset/registers';
import { buildCharGptGraph, buildCharGptStepGraph, type CharGptConfig } from '../lib/models/char-gpt';
import { type NextLogits, sampleChars } from '../lib/models/char-sampling';
import { cachedNextLogits, type RunGraph, windowNextLogits } from '../lib/onnx/char-gpt-next-logits';
import type { OrtModule } from '../lib/onnx/session';
import { readSafetensors } from '../lib/tensors/safetensors';
import { makeCharTokenizer } from '../lib/text/char-tokenizer';

ort.env.wasm.numThreads = 1;
const dir = 'public/models/detox';
const manifest = JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8'));
const c = manifest.config as CharGptConfig;
const ws = readSafetensors(readFileSync(`${dir}/base.safetensors`));
const tok = makeCharTokenizer(manifest.vocab);
const ortModule = ort as unknown as OrtModule;
const runner = async (graph: Uint8Array): Promise<RunGraph> => {
  const s = await ort.InferenceSession.create(graph, { executionProviders: ['wasm'] });
  return (feeds) => s.run(feeds as Record<string, ort.Tensor>);
};
const window = await runner(buildCharGptGraph(c)), step = await runner(buildCharGptStepGraph(c));
// The same graphs with the weights baked in as initializers: no 2.4 MB copy per run.
const bakedWindow = await runner(buildCharGptGraph(c, c.blockSize, ws)), bakedStep = await runner(buildCharGptStepGraph(c, ws));

const short = 'the weather today is'; // prompt + new characters fit the 64-character context
const long = "i don't care if this is controversial, you are a"; // the page's default prompt: slides past 64
const cases: { name: string; prompts: string[]; chars: number }[] = [
  { name: `1 row, ${short.length}-char prompt, 40 new`, prompts: [short], chars: 40 },
  { name: `1 row, ${long.length}-char prompt, 48 new`, prompts: [long], chars: 48 },
  { name: `${EVAL_PROMPTS.length * 8} rows (the ${EVAL_PROMPTS.length} evaluation prompts x 8 seeds), 24 new`, prompts: EVAL_PROMPTS.flatMap((p) => Array.from({ length: 8 }, () => p)), chars: 24 },
];
const o = { temperature: 0.9, topK: 20, seed: 7 };

/** Characters per second of wall time and of this process's CPU time (the machine may be shared). */
async function time(next: () => NextLogits, prompts: number[][], chars: number): Promise<{ wall: number; cpu: number; ids: number[][] }> {
  await sampleChars(next(), prompts, c.vocabSize, { ...o, maxNewChars: 2 }); // warm-up
  const t0 = performance.now(), cpu0 = process.cpuUsage();
  const ids = await sampleChars(next(), prompts, c.vocabSize, { ...o, maxNewChars: chars });
  const wall = (performance.now() - t0) / 1000, cpu = process.cpuUsage(cpu0), n = ids.reduce((k, r) => k + r.length, 0);
  return { wall: n / wall, cpu: n / ((cpu.user + cpu.system) / 1e6), ids };
}
const rate = (r: { wall: number; cpu: number }) => `${r.cpu.toFixed(0)} chars/CPU-s (${r.wall.toFixed(0)} chars/s wall)`;

console.log(`char GPT ${JSON.stringify(c)}, onnxruntime-web ${ort.env.versions.web} wasm, 1 thread; prompt processing included`);
for (const k of cases) {
  const prompts = k.prompts.map((p) => tok.encode(`${p} `));
  const plain = await time(() => windowNextLogits(ortModule, window, ws, c), prompts, k.chars);
  const cached = await time(() => cachedNextLogits(ortModule, step, window, ws, c), prompts, k.chars);
  const baked = await time(() => cachedNextLogits(ortModule, bakedStep, bakedWindow, null, c), prompts, k.chars);
  const restart = await time(() => cachedNextLogits(ortModule, bakedStep, bakedWindow, null, c, { restartKeep: c.blockSize / 2 }), prompts, k.chars);
  const same = [cached, baked].every((r) => JSON.stringify(r.ids) === JSON.stringify(plain.ids));
  console.log(`${k.name}:\n  full window ${rate(plain)}\n  KV cache ${rate(cached)}\n  KV cache, weights in the graph ${rate(baked)}\n  same text: ${same}`);
  console.log(`  KV cache, weights in the graph, restart from the last ${c.blockSize / 2} (other texts once past the context) ${rate(restart)}`);
}
