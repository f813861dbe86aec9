/**
 * npx tsx scripts/merge/chain-eigenvalues.ts [--seed 0]
 * Exploratory: per encoder matrix, the three largest eigenvalues of the chained projection P_1 ... P_8 of one
 * fine-tune seed of each family at the default decomposition (rho 0.9, eta 0.85 decides what counts as shared).
 */
import { TASKS } from '../../data-gen/merge/tasks';
import { decomposeWeights } from '../../lib/decompose';
import { float64Engine } from '../../lib/linalg/engine';
import { DATA_RECIPE } from './data-recipe';
import { evalState, pageRecipe } from './eval-grid';
import { loadV3Family } from './family-scorer';

const seed = Number(process.argv.includes('--seed') ? process.argv[process.argv.indexOf('--seed') + 1] : 0);

async function main() {
  for (const f of DATA_RECIPE.families) {
    const fam = loadV3Family(f, TASKS.map((t) => t.name), [seed]);
    if (!fam.seeds.length) continue;
    const d = await decomposeWeights(fam.base, fam.seeds[0].encoders, pageRecipe(evalState(fam.tasks), 'task_arithmetic').decomposition, float64Engine);
    for (const x of d.diagnostics.filter((y) => y.kind === 'matrix')) console.log(`${f} s${seed} ${x.name}: ${x.eigenvalues.slice(0, 3).map((v) => v.toFixed(3)).join(' ')}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
