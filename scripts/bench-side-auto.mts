// npm run bench:side-auto: what side 'auto' costs against a fixed side, per matrix, on planted task
// matrices with a common output direction, a common input direction, or nothing in common (then no
// null is drawn). Prints a markdown table; docs/method.md quotes it. Wasm backend, median of 3 runs.
import { activateBackend } from '../lib/backend/tf-runtime';
import { decomposeMatrices } from '../lib/decompose/decompose-matrices';
import { type DecomposeOptions, defaultDecomposeOptions } from '../lib/decompose/options';
import type { Mat } from '../lib/linalg/mat';
import { transpose } from '../lib/linalg/mat';
import { tfEngine } from '../lib/linalg/tf-engine';
import { plantedTasks } from '../lib/synthetic/planted';

const shapes: [number, number][] = [[128, 96], [512, 512]];
const k = 4;
const runs = 3;

const families = (d: number, n: number): [string, Mat[]][] => {
  const planted = (sharedDim: number) => plantedTasks({ d, n, k, sharedDim, privateDim: 12, noise: 0.05, seed: 1 }).tasks;
  const f32 = (W: Mat): Mat => ({ ...transpose(W), data: Float32Array.from(transpose(W).data) });
  // The transposed family is n x d: common input directions, different outputs per task.
  return [['common output', planted(4)], ['common input', planted(4).map(f32)], ['nothing shared', planted(0)]];
};

/** Median wall and CPU milliseconds of one decomposition. */
async function time(tasks: Mat[], side: DecomposeOptions['side']) {
  const samples: { wall: number; cpu: number; result: Awaited<ReturnType<typeof decomposeMatrices>> }[] = [];
  for (let r = 0; r < runs; r++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await decomposeMatrices(tasks, { ...defaultDecomposeOptions, side }, tfEngine);
    const cpu = process.cpuUsage(cpu0);
    samples.push({ wall: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000, result });
  }
  samples.sort((a, b) => a.wall - b.wall);
  return samples[Math.floor(runs / 2)];
}

await activateBackend('wasm');
console.log(`k = ${k}, rho 0.9, eta 0.85, wasm, median of ${runs}; ms wall (CPU)`);
console.log('| shape | tasks share | left ms | right ms | auto ms | auto / fixed side it chose | auto chose | shared dim |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [d, n] of shapes) {
  for (const [label, tasks] of families(d, n)) {
    await time(tasks, 'left'); // warm-up: kernels compiled, buffers allocated
    const left = await time(tasks, 'left');
    const right = await time(tasks, 'right');
    const auto = await time(tasks, 'auto');
    const chosen = auto.result.diagnostics.sideChoice!;
    const fixed = chosen.side === 'left' ? left : right;
    const ms = (s: typeof left) => `${s.wall.toFixed(0)} (${s.cpu.toFixed(0)})`;
    console.log(`| ${tasks[0].rows}x${tasks[0].cols} | ${label} | ${ms(left)} | ${ms(right)} | ${ms(auto)} | x${(auto.wall / fixed.wall).toFixed(2)} | ${chosen.side} (${chosen.rule}) | ${auto.result.diagnostics.sharedDim} |`);
  }
}
