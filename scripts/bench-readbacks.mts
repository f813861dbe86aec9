// npm run bench:readbacks: the four GPT-2-small block shapes (k synthetic task vectors, rank 64 +
// noise floor; lib/engine/matrix-bench.ts) decomposed in Node on tfjs-wasm, once on the default
// paths and once on the paths WebGPU takes (`fewReads`: batched reads, Newton-Schulz, one
// speculative certificate read per power step): backend reads per matrix and the CPU cost of the
// speculation. Prints markdown rows.
//   npm run bench:readbacks [-- --k 3]
import { activateBackend } from '../lib/backend/tf-runtime';
import { benchMatrix, gpt2BlockShapes } from '../lib/engine/matrix-bench';
import { makeTfEngine, tfEngine } from '../lib/linalg/tf-engine';

const k = process.argv.includes('--k') ? Number(process.argv[process.argv.indexOf('--k') + 1]) : 3;
await activateBackend('wasm');
const engines = [
  { label: 'default (wasm, cpu)', engine: tfEngine },
  { label: 'WebGPU paths (fewReads)', engine: makeTfEngine(true) },
];
console.log('| matrix | k | paths of | wall s | CPU s | reads | floats read | paths | ranks | shared dim |\n|---|---|---|---|---|---|---|---|---|---|');
for (const s of gpt2BlockShapes) {
  for (const { label, engine } of engines) {
    await benchMatrix({ rows: s.rows, cols: s.cols, k }, engine); // warm-up: kernels set up, sketches drawn
    const cpu0 = process.cpuUsage();
    const r = await benchMatrix({ rows: s.rows, cols: s.cols, k }, engine);
    const cpu = process.cpuUsage(cpu0);
    // CPU time covers the whole call, data generation and checks included; wall time only the decomposition.
    console.log(`| ${s.name} ${s.rows}x${s.cols} | ${k} | ${label} | ${(r.ms / 1000).toFixed(2)} | ${((cpu.user + cpu.system) / 1e6).toFixed(2)} | ${r.reads} | ${r.readElements} | ${r.paths.join('/')} | ${r.ranks.join('/')} | ${r.sharedDim} |`);
  }
}
