// npm run bench:gpt2: task subspaces of one GPT-2-small block (Conv1D shapes d_in x d_out), k tasks,
// randomized path against the exact Gram path in the same run, on tfjs wasm and cpu in Node.
import * as tf from '@tensorflow/tfjs-core';
import { activateBackend } from '../lib/backend/tf-runtime';
import { decomposeMatrices } from '../lib/decompose/decompose-matrices';
import { defaultDecomposeOptions as opts } from '../lib/decompose/options';
import { exactBasis, taskBasis } from '../lib/decompose/task-basis';
import { principalAnglesDeg } from '../lib/linalg/angles';
import { tfEngine } from '../lib/linalg/tf-engine';
import { powerLawMatrix } from '../lib/synthetic/power-law';

const block: [string, number, number][] = [['c_attn', 768, 2304], ['attn.c_proj', 768, 768], ['c_fc', 768, 3072], ['mlp.c_proj', 3072, 768]];
const backends = process.argv.includes('--wasm-only') ? ['wasm'] : ['wasm', 'cpu'];
const k = Number(process.argv.find((a) => a.startsWith('--k='))?.slice(4) ?? 3);
const mb = (b: number) => (b / 2 ** 20).toFixed(0);

for (const backend of backends) {
  await activateBackend(backend as 'wasm' | 'cpu');
  let fastMs = 0, exactMs = 0, fullMs = 0, worstAngle = 0, peakRss = 0, peakTf = 0;
  const notes: string[] = [];
  for (const [name, rows, cols] of block) {
    const tasks = Array.from({ length: k }, (_, i) => powerLawMatrix(rows, cols, 64, 1, 0.05, 100 * i + rows + cols));
    let t0 = performance.now();
    const split = await decomposeMatrices(tasks, opts, tfEngine);
    fullMs += performance.now() - t0;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    peakTf = Math.max(peakTf, tf.memory().numBytes);
    const ranks: string[] = [];
    for (const W of tasks) {
      t0 = performance.now();
      const fast = await taskBasis(W, opts.energy, opts.maxRank, tfEngine);
      fastMs += performance.now() - t0;
      t0 = performance.now();
      const exact = await exactBasis(W, opts.energy, opts.maxRank, tfEngine);
      exactMs += performance.now() - t0;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      ranks.push(fast.rank === exact.rank ? `${fast.rank}` : `${fast.rank}!=${exact.rank}`);
      if (fast.rank === exact.rank) worstAngle = Math.max(worstAngle, ...principalAnglesDeg(fast.U, exact.U));
    }
    notes.push(`${name} ${rows}x${cols}: ranks ${ranks.join(',')}, shared dim ${split.diagnostics.sharedDim}`);
  }
  console.log(`${backend}, k=${k}: full block decomposition ${fullMs.toFixed(0)} ms; task subspaces randomized ${fastMs.toFixed(0)} ms vs exact ${exactMs.toFixed(0)} ms (x${(exactMs / fastMs).toFixed(1)}); worst principal angle ${worstAngle.toFixed(3)} deg; peak RSS ${mb(peakRss)} MiB, tf ${mb(peakTf)} MiB`);
  for (const n of notes) console.log(`  ${n}`);
}
