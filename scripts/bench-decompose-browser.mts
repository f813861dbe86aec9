// npm run bench:decompose:browser: one GPT-2-small block (k = 3 planted task vectors) decomposed in
// a module worker in headless Chromium on tfjs-wasm, as the app's engine worker does, with the
// single-threaded SIMD build and with the threaded build at 1 and 2 threads (lib/backend/wasm-threaded.ts).
// The page is served cross-origin isolated (COOP + COEP), like the app. Each configuration runs in a
// fresh worker, configurations take turns (so a change in the machine's load hits all alike), and
// the median wall time is reported with the renderer's CPU time over the same worker (its start,
// the data generation and both runs): threads shorten wall time, not CPU time. Prints markdown rows.
//   npm run bench:decompose:browser [-- --rounds 3]
import type { WorkerAnswer, WorkerAsk } from './bench/decompose-browser-worker';
import { rendererCpuSeconds } from './bench/renderer-cpu';
import { openWorkerPage, runInWorker } from './bench/worker-page';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const argv = process.argv;
const rounds = argv.includes('--rounds') ? Number(argv[argv.indexOf('--rounds') + 1]) : 3;
const CONFIGS = [
  { label: 'single-threaded SIMD build', threads: 0 },
  { label: 'threaded build, 1 thread', threads: 1 },
  { label: 'threaded build, 2 threads', threads: 2 },
];

const { tab, close } = await openWorkerPage('scripts/bench/decompose-browser-worker.ts', { isolated: true, executablePath: CHROMIUM, args: ARGS });
try {
  const about = await tab.evaluate(() => ({ isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency, ua: navigator.userAgent.match(/Chrom(e|ium)\/[\d.]+/)?.[0] }));
  console.log(`${about.ua}, cross-origin isolated: ${about.isolated}, navigator.hardwareConcurrency ${about.cores}`);
  const times = CONFIGS.map(() => [] as number[]);
  const cpu = CONFIGS.map(() => [] as number[]);
  const seen: WorkerAnswer[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [i, c] of CONFIGS.entries()) {
      const ask: WorkerAsk = { threads: c.threads, runs: 2 };
      const cpu0 = rendererCpuSeconds();
      const answer = await runInWorker<typeof ask, WorkerAnswer>(tab, ask);
      cpu[i].push(rendererCpuSeconds() - cpu0);
      times[i].push(answer.seconds.at(-1)!); // the second run: kernels and operators set up
      seen[i] = answer;
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`\n| tfjs-wasm | threads reported | median wall s (${rounds} rounds) | all rounds, wall s | renderer CPU s per worker (median) | ranks per matrix |\n|---|---|---|---|---|---|`);
  for (const [i, c] of CONFIGS.entries()) {
    console.log(`| ${c.label} | ${c.threads === 0 ? 1 : seen[i].threads} | ${median(times[i]).toFixed(2)} | ${times[i].map((t) => t.toFixed(2)).join(', ')} | ${median(cpu[i]).toFixed(2)} | ${seen[i].ranks.map((r) => r.join('/')).join(', ')} |`);
  }
} finally {
  await close();
}
