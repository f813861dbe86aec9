// npm run bench: decomposition speed in Node: GPT-2-small shapes (scripts/bench-gpt2.mts), planted
// low-rank + noise task matrices, and the /learn lesson. Writes docs/benchmarks.md.
// `npm run bench -- --quick` runs the small cases only and leaves the doc alone.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { gpt2Cases, gpt2Header, gpt2Row, runGpt2Case } from './bench-gpt2.mts';
import { activateBackend } from '../lib/backend/tf-runtime';
import { decomposeMatrices } from '../lib/decompose/decompose-matrices';
import { defaultDecomposeOptions } from '../lib/decompose/options';
import type { MatmulEngine } from '../lib/linalg/engine';
import { tfEngine } from '../lib/linalg/tf-engine';
import { plantedTasks } from '../lib/synthetic/planted';
import { benchPages } from './bench-pages.mts';

const quick = process.argv.includes('--quick');
const shapes: [number, number][] = quick ? [[256, 256]] : [[768, 768], [768, 3072]];
const ks = quick ? [2, 4] : [2, 4, 8];
const backends = ['wasm', 'cpu'] as const;

/** Wraps an engine to count matmul FLOPs and time, so the table separates them from the eigen work. */
function counting(inner: MatmulEngine) {
  const stats = { flops: 0, ms: 0 };
  const engine: MatmulEngine = {
    name: inner.name,
    ...inner,
    mul(a, b, ta, tb) {
      const t0 = performance.now();
      const out = inner.mul(a, b, ta, tb);
      stats.ms += performance.now() - t0;
      stats.flops += 2 * out.rows * out.cols * (ta ? a.rows : a.cols);
      return out;
    },
  };
  return { engine, stats };
}

const loadBefore = loadavg()[0];
const gpt2Rows: string[] = [];
console.log(gpt2Header);
for (const c of gpt2Cases(quick)) {
  const row = gpt2Row(runGpt2Case(c));
  console.log(row);
  gpt2Rows.push(row);
}

const rows: string[] = [];
for (const backend of backends) {
  await activateBackend(backend);
  for (const [dOut, dIn] of shapes) {
    for (const k of ks) {
      const { tasks } = plantedTasks({ d: dOut, n: dIn, k, sharedDim: 16, privateDim: 24, noise: 0.1, seed: 1 });
      const { engine, stats } = counting(tfEngine);
      const t0 = performance.now();
      const split = await decomposeMatrices(tasks, defaultDecomposeOptions, engine);
      const ms = performance.now() - t0;
      const row = `| ${backend} | ${dOut}x${dIn} | ${k} | ${ms.toFixed(0)} | ${stats.ms.toFixed(0)} | ${(stats.flops / 1e9).toFixed(2)} | ${(stats.flops / 1e6 / stats.ms).toFixed(1)} | ${split.diagnostics.ranks.join(',')} | ${split.diagnostics.sharedDim} |`;
      console.log(row);
      rows.push(row);
    }
  }
}

// The /learn lesson's largest setting (d = 256, k = 4): its sliders must feel live.
const lessonRows: string[] = [];
await activateBackend('wasm');
for (const k of [2, 4]) {
  const { tasks } = plantedTasks({ d: 256, n: 64, k, sharedDim: 8, privateDim: 12, noise: 0.3, seed: 2 });
  const times: number[] = [];
  const cpu: number[] = [];
  for (let rep = 0; rep < 5; rep++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await decomposeMatrices(tasks, defaultDecomposeOptions, tfEngine);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const row = `| wasm | 256x64 | ${k} | ${times[2].toFixed(0)} (CPU ${cpu[2].toFixed(0)}) (median of 5) |`;
  console.log(row);
  lessonRows.push(row);
}

const header = `| backend | matrix | k | total ms | matmul ms | matmul GFLOP | matmul GFLOP/s | ranks | shared dim |
|---|---|---|---|---|---|---|---|---|`;
const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const doc = `# Benchmarks

Command: \`npm run bench\` (writes this file). Machine: ${machine}. Date: ${new Date().toISOString().slice(0, 10)}.
Load average (1 min) at the start: ${loadBefore.toFixed(1)}, at the end: ${loadavg()[0].toFixed(1)}. The machine is shared: when
the load is well above its core count, wall times stretch and the CPU time of the process (in
brackets) is the better measure of the work; tfjs wasm runs on one thread in Node.

## GPT-2-small shapes

Synthetic task vectors per tensor, generated as each tensor is read and excluded from the times:
4 shared directions (weights 1.5/j) and 12 private ones per task (weights 1/j) plus uniform noise
of 0.05 of the signal's per-entry size; biases and layer norms are small Gaussian vectors. Default
options (rho 0.9, eta 0.85, left side). Each case runs in its own process (\`npm run bench:gpt2\`
runs them alone); "peak RSS" is that process's maximum resident set, "peak tfjs" the most the tfjs
backend held after any upload or product. "exact" is the exact Gram path on every matrix in the
same process; it is not run on the full model (about 12 times the one-block time). "max rel. diff"
is the largest ||shared_i(randomized) - shared_i(exact)|| / ||shared_i(exact)|| over matrices and tasks.

${gpt2Header}
${gpt2Rows.join('\n')}

## Planted task matrices, one tensor

k planted task matrices (16 shared + 24 private directions each, noise 0.1), default options; all
of these are at least 256 on the smaller side, so they take the randomized path. "matmul" is the
time inside tfjs products.

${header}
${rows.join('\n')}

## /learn

The /learn page's synthetic lesson at its largest setting (one d x 64 matrix per task; smaller side
64 < 256, so the exact Gram path). Before the randomized path existed this measured 7 ms (k = 2)
and 14 ms (k = 4), median of 5, on the same machine (2026-11-26).

| backend | matrix | k | ms |
|---|---|---|---|
${lessonRows.join('\n')}
`;
// Sections other scripts write (e.g. bench-sources) are kept as they are.
const previous = existsSync('docs/benchmarks.md') ? readFileSync('docs/benchmarks.md', 'utf8') : '';
const ours = ['## GPT-2-small shapes', '## Planted task matrices, one tensor', '## /learn'];
const foreign = [...previous.matchAll(/^## .*$/gm)].find((m) => !ours.some((o) => m[0].startsWith(o)));
if (!quick) writeFileSync('docs/benchmarks.md', foreign ? `${doc}\n${previous.slice(foreign.index)}` : doc);
console.log(quick ? '\n(quick run: docs/benchmarks.md left unchanged)' : '\nwrote docs/benchmarks.md');
if (!quick) await benchPages([]); // per page: first-visit bytes and time to the first result, in the browser
