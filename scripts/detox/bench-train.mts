/**
 * npm run bench:detox-train: tokens per second of the char-GPT training step (Adam, batch x context)
 * on tfjs-wasm in Node (one thread), for a few model sizes. Used to pick the base size and budget.
 * CPU seconds per step are what one core costs (the machine is shared, wall time is also shown).
 * DETOX_BENCH_STEPS sets the timed steps per size (default 8, after 2 warm-up steps).
 * `-- --threads`: instead, the detox v2 size on one thread and on two (a helper thread computing half
 * of each batch, as npm run train:detox does), alternately, twice each.
 */
import { countParams, DEFAULT_CHAR_GPT_CONFIG, initWeights, type CharGptConfig } from '../../lib/models/char-gpt.ts';
import { Trainer } from './trainer.ts';
import { useWasm } from './tf-wasm.ts';
import { GradientHelpers } from './data-parallel.ts';
import { DETOX_MODEL_CONFIG } from './recipe.ts';

const SIZES: (Partial<CharGptConfig> & { batch: number })[] = [
  { nLayer: 3, nEmbd: 128, nHead: 4, blockSize: 64, batch: 32 },
  { nLayer: 4, nEmbd: 128, nHead: 4, blockSize: 128, batch: 16 },
  { nLayer: 4, nEmbd: 160, nHead: 5, blockSize: 128, batch: 16 },
  { nLayer: 4, nEmbd: 192, nHead: 6, blockSize: 128, batch: 16 },
  { nLayer: 6, nEmbd: 192, nHead: 6, blockSize: 128, batch: 16 },
];
const steps = Number(process.env.DETOX_BENCH_STEPS ?? 8);
const threadRuns = process.argv.includes('--threads') ? [1, 2, 1, 2] : null;

await useWasm();
console.log(`| model | parameters | batch | ${threadRuns ? 'threads | ' : ''}CPU s/step | wall s/step | tokens per CPU-second | tokens per CPU-hour |`);
console.log(`|---|---|---|${threadRuns ? '---|' : ''}---|---|---|---|`);
const ids = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 48);
const runs = threadRuns ? threadRuns.map((threads) => ({ ...DETOX_MODEL_CONFIG, batch: 16, threads })) : SIZES.map((s) => ({ ...s, threads: 0 }));
for (const { batch, threads, ...size } of runs) {
  const cfg: CharGptConfig = { ...DEFAULT_CHAR_GPT_CONFIG, ...size };
  const helpers = threads > 1 ? new GradientHelpers(threads - 1, cfg) : undefined;
  const t = new Trainer(initWeights(cfg, 1), cfg, batch, 1, helpers);
  for (let i = 0; i < 2; i++) await t.trainStep(1e-3, [{ ids, weight: 1 }]);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < steps; i++) await t.trainStep(1e-3, [{ ids, weight: 1 }]);
  const wall = (performance.now() - t0) / 1000 / steps;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6 / steps;
  const tokens = batch * cfg.blockSize;
  console.log(`| ${cfg.nLayer} x ${cfg.nEmbd}, ${cfg.nHead} heads, context ${cfg.blockSize} | ${countParams(cfg).toLocaleString('en')} | ${batch} x ${cfg.blockSize} | ${threads ? `${threads} | ` : ''}${cpu.toFixed(2)} s | ${wall.toFixed(2)} s | ${Math.round(tokens / cpu)} | ${((3600 * tokens) / cpu / 1e6).toFixed(1)}M |`);
  t.dispose();
  await helpers?.terminate();
}
