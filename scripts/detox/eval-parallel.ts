/**
 * npm run eval:detox:parallel: npm run eval:detox split over processes (one per core, at most
 * DETOX_EVAL_PROCESSES), each measuring a shard of the items into the shared cache, then one run that
 * assembles the report from the cache. Same results as the single run (every item has its own seed).
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const processes = Number(process.env.DETOX_EVAL_PROCESSES ?? Math.min(availableParallelism(), 4));

const run = (env: Record<string, string>, prefix: string) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/detox/eval.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (b: Buffer) => process.stdout.write(b.toString().replace(/^(?=.)/gm, prefix)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${prefix.trim() || 'assembling run'} exited with code ${code}`))));
  });

async function main() {
  if (process.env.DETOX_EVAL_QUICK === '1' && !process.env.DETOX_RESULTS_DIR) throw new Error('a parallel dry run needs DETOX_RESULTS_DIR (its shards share their cache there)');
  await Promise.all(Array.from({ length: processes }, (_, i) => run({ DETOX_EVAL_SHARD: `${i}/${processes}` }, `[${i}/${processes}] `)));
  await run({}, '');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
