// npm run bench:readbacks:browser: GPT-2-small block shapes (k synthetic task vectors, rank 64 +
// noise floor) decomposed in a module worker in headless Chromium on WebGPU and on tfjs-wasm
// (single thread), as the app's engine worker does and as /bench shows it: wall time per matrix,
// backend reads per matrix, the path of each task's subspace and the split's exactness. WebGPU
// here is Chromium's software adapter (SwiftShader) unless the machine has a GPU: its times say
// nothing about a real GPU, its read counts are the same. Prints markdown rows.
//   npm run bench:readbacks:browser [-- --k 3 --runs 2 --backends webgpu,wasm --shapes attn.c_proj,mlp.c_fc]
import { gpt2BlockShapes } from '../lib/engine/matrix-bench';
import type { ReadbacksAnswer, ReadbacksAsk } from './bench/readbacks-browser-worker';
import { rendererCpuSeconds } from './bench/renderer-cpu';
import { openWorkerPage, runInWorker } from './bench/worker-page';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu', '--enable-unsafe-swiftshader'];
const arg = (name: string, fallback: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : fallback);
const k = Number(arg('k', '3'));
const runs = Number(arg('runs', '2'));
const backends = arg('backends', 'webgpu,wasm').split(',') as ReadbacksAsk['backend'][];
const shapes = arg('shapes', gpt2BlockShapes.map((s) => s.name).join(',')).split(',');

const { tab, close } = await openWorkerPage('scripts/bench/readbacks-browser-worker.ts', { isolated: false, executablePath: CHROMIUM, args: ARGS });
try {
  console.log(`| backend | matrix | k | run | wall s | renderer CPU s (all runs of the backend) | reads | floats read | paths | ranks | shared dim | split error | ||Z^T unique|| / ||tau|| |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|`);
  for (const backend of backends) {
    const cpu0 = rendererCpuSeconds();
    const ask: ReadbacksAsk = { backend, k, runs, shapes };
    const answer = await runInWorker<typeof ask, ReadbacksAnswer>(tab, ask);
    const cpu = rendererCpuSeconds() - cpu0;
    const label = answer.adapter ? `${answer.backend} (${answer.adapter})` : answer.backend;
    for (const r of answer.rows) {
      console.log(
        `| ${label} | ${r.name} ${r.rows}x${r.cols} | ${r.k} | ${r.run} | ${(r.ms / 1000).toFixed(2)} | ${cpu.toFixed(1)} | ${r.reads} | ${r.readElements} | ${r.paths.join('/')} | ${r.ranks.join('/')} | ${r.sharedDim} | ${r.splitError.toExponential(1)} | ${r.leakage.toExponential(1)} |`,
      );
    }
  }
} finally {
  await close();
}
