// npm run bench: decomposition speed on planted low-rank + noise task matrices, in Node.
// Writes the table to docs/benchmarks.md. `npm run bench -- --quick` runs the small cases only.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { activateBackend } from '../lib/backend/tf-runtime';
import { decomposeMatrices } from '../lib/decompose/decompose-matrices';
import { defaultDecomposeOptions } from '../lib/decompose/options';
import type { MatmulEngine } from '../lib/linalg/engine';
import { tfEngine } from '../lib/linalg/tf-engine';
import { plantedTasks } from '../lib/synthetic/planted';

const quick = process.argv.includes('--quick');
const shapes: [number, number][] = quick ? [[256, 256]] : [[768, 768], [768, 3072]];
const ks = quick ? [2, 4] : [2, 4, 8];
const backends = ['wasm', 'cpu'] as const;

/** Wraps an engine to count matmul FLOPs and time, so the table separates them from the eigen work. */
function counting(inner: MatmulEngine) {
  const stats = { flops: 0, ms: 0 };
  const engine: MatmulEngine = {
    name: inner.name,
    async matmul(a, b, ta, tb) {
      const t0 = performance.now();
      const out = await inner.matmul(a, b, ta, tb);
      stats.ms += performance.now() - t0;
      stats.flops += 2 * out.rows * out.cols * (ta ? a.rows : a.cols);
      return out;
    },
  };
  return { engine, stats };
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
  for (let rep = 0; rep < 5; rep++) {
    const t0 = performance.now();
    await decomposeMatrices(tasks, defaultDecomposeOptions, tfEngine);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const row = `| wasm | 256x64 | ${k} | ${times[2].toFixed(0)} (median of 5) |`;
  console.log(row);
  lessonRows.push(row);
}

const header = `| backend | matrix | k | total ms | matmul ms | matmul GFLOP | matmul GFLOP/s | ranks | shared dim |
|---|---|---|---|---|---|---|---|---|`;
const doc = `# Benchmarks

Decomposition of k planted task matrices (16 shared + 24 private directions each, noise 0.1) with the
default options (rho 0.9, eta 0.85), one tensor, in Node on tfjs (single-threaded wasm with SIMD, or
the plain JavaScript cpu backend). "total" includes the float64 eigenproblems (ml-matrix) of size
min(d_out, d_in), which dominate at d = 768; "matmul" is the time inside tfjs products.

Command: \`npm run bench${quick ? ' -- --quick' : ''}\`
Machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}
Date: ${new Date().toISOString().slice(0, 10)}

${header}
${rows.join('\n')}

The /learn page's synthetic lesson at its largest setting (one d x 64 matrix per task):

| backend | matrix | k | ms |
|---|---|---|---|
${lessonRows.join('\n')}
`;
if (!quick) writeFileSync('docs/benchmarks.md', doc);
console.log(quick ? '\n(quick run: docs/benchmarks.md left unchanged)' : '\nwrote docs/benchmarks.md');
