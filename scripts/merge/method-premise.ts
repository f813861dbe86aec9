/**
 * npx tsx scripts/merge/method-premise.ts [--family planted] [--seed 0] [--side left|right] [--energy 0.9] [--eta 0.85]
 *   [--val 100] [--no-lambda]
 * The method's own premise on one merge family and seed (method-premise-check.ts), then whether task arithmetic
 * under-serves the common part: validation accuracy of task arithmetic on a fine lambda grid, its tuned lambda x k
 * (the dose of the common part), and two ways to give the shared part once (TA + (1 - lambda k) tau_S, and
 * lambda sum unique + tau_S), exploratory. Writes checkpoints/merge-v4/premise-<family>-s<seed>-<side>-r<rho>-e<eta>.json.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TASKS } from '../../data-gen/merge/tasks';
import { readSafetensors } from '../../lib/tensors/safetensors';
import type { FamilyName } from './data-recipe';
import { evalState, pageRecipe } from './eval-grid';
import { familyEngine } from './family-engine';
import { accuracyOf, FamilyScorer, loadSplitSets, loadV3Family } from './family-scorer';
import { measureMethodPremise } from './method-premise-check';
import { CKPT_DIR } from './train-config';

const arg = (name: string, d: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : d);
const family = arg('--family', 'planted') as FamilyName;
const seed = Number(arg('--seed', '0'));
const side = arg('--side', 'right') as 'left' | 'right';
const energy = Number(arg('--energy', '0.9')), eta = Number(arg('--eta', '0.85'));
const valPerTask = Number(arg('--val', '100'));
const LAMBDAS = [0.0125, 0.025, 0.0375, 0.05, 0.0625, 0.075, 0.1, 0.125, 0.15, 0.2];

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

async function main() {
  const tasks = TASKS.map((t) => t.name), k = tasks.length;
  const fam = loadV3Family(family, tasks, [seed]);
  if (!fam.seeds.length) throw new Error(`no complete seed ${seed} of ${family} in ${CKPT_DIR}`);
  const encoders = fam.seeds[0].encoders;
  const stagePath = join(CKPT_DIR, 'stage.safetensors');
  const common = family === 'planted' && existsSync(stagePath) ? readSafetensors(readFileSync(stagePath)) : null;
  const engine = await familyEngine(fam.base, tasks, encoders);
  const state = { ...evalState(tasks), energy, eta, side };
  const premise = await measureMethodPremise(engine, fam.base, encoders, common, state, console.log);

  const sweep: { lambda: number; ta: number; taSharedOnce: number; uniqueSharedOnce: number }[] = [];
  if (!process.argv.includes('--no-lambda')) {
    const scorer = await FamilyScorer.create();
    const val = loadSplitSets(family, tasks, 'val', valPerTask);
    const score = async (recipe: unknown) => mean((await scorer.shared(await engine.apply(recipe), val, fam.heads)).map(accuracyOf));
    const ta = pageRecipe(state, 'task_arithmetic');
    const all = (part: 'full' | 'unique' | 'shared', c: number) => tasks.map((_, task) => ({ task, part, coefficient: c }));
    const base = { ...ta, method: { name: 'task_arithmetic' as const, lambda: 1 } };
    const baseAcc = mean((await scorer.shared(fam.base, val, fam.heads)).map(accuracyOf));
    if (common) console.log(`the adaptation stage alone (the common part once, no fine-tune): ${(100 * mean((await scorer.shared(common, val, fam.heads)).map(accuracyOf))).toFixed(1)}% validation, base ${(100 * baseAcc).toFixed(1)}%`);
    for (const lambda of LAMBDAS) {
      const row = {
        lambda,
        ta: await score({ ...base, terms: all('full', lambda) }),
        taSharedOnce: await score({ ...base, terms: [...all('full', lambda), ...all('shared', Math.max(0, 1 - lambda * k) / k)] }),
        uniqueSharedOnce: await score({ ...base, terms: [...all('unique', lambda), ...all('shared', 1 / k)] }),
      };
      sweep.push(row);
      console.log(`lambda ${lambda} (x k = ${(lambda * k).toFixed(2)}): TA ${(100 * row.ta).toFixed(1)}  TA + shared to once ${(100 * row.taSharedOnce).toFixed(1)}  unique + shared once ${(100 * row.uniqueSharedOnce).toFixed(1)}`);
    }
    const best = sweep.reduce((b, r) => (r.ta > b.ta ? r : b), sweep[0]);
    console.log(`base ${(100 * baseAcc).toFixed(1)}; TA tuned lambda ${best.lambda}, lambda x k = ${(best.lambda * k).toFixed(2)}; best TA ${(100 * best.ta).toFixed(1)}, best TA + shared once ${(100 * Math.max(...sweep.map((r) => r.taSharedOnce))).toFixed(1)}, best unique + shared once ${(100 * Math.max(...sweep.map((r) => r.uniqueSharedOnce))).toFixed(1)}`);
    await scorer.release();
  }
  const out = join(CKPT_DIR, `premise-${family}-s${seed}-${side}-r${energy}-e${eta}.json`);
  writeFileSync(out, JSON.stringify({ family, seed, ...premise, sweep }, null, 1));
  console.log(`wrote ${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
