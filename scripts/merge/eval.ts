/**
 * npm run eval:merge [-- --val-per-task 100] [-- --test-per-task N] [-- --only planted] [-- --seeds 1,2] [-- --smoke]
 * The v4 merge evaluation (issue 26; protocol docs/merge-protocol-v4.md): for each family and each fine-tune seed whose
 * eight fine-tunes exist in checkpoints/merge-v4/, every method tuned on validation and scored on all test images
 * (per-seed units cached in checkpoints/merge-v4/eval/, so a killed run resumes), the method's premise per seed, then the premise gate, the
 * primary comparison and the table with paired-bootstrap intervals. Writes docs/results/merge.json and the
 * "## Merge demo" section of docs/results.md. Inference: onnxruntime-web on wasm, one thread.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { TASKS } from '../../data-gen/merge/tasks';
import { DATA_RECIPE, type FamilyName } from './data-recipe';
import { evalUnit } from './eval-unit';
import { type FamilySummary, summariseFamily } from './eval-summary';
import { FamilyScorer, loadSplitSets, loadV3Family } from './family-scorer';
import { renderSection, writeResultsSection } from './results-doc';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
/** Validation images per task used for tuning (the first N; labels cycle so classes stay balanced). */
const valPerTask = Number(arg('--val-per-task') ?? 100);
const only = arg('--only');
/** Test images per task for units not yet cached (default: all); each family records what it used. */
const testPerTask = Number(arg('--test-per-task') ?? Infinity);
/** Smoke runs print the summary and write nothing (use MERGE_EVAL_DIR for a separate unit cache). */
const smoke = process.argv.includes('--smoke');
/** --seeds 1,2: only those fine-tune seeds (to compute units in parallel processes; a final run reads them all). */
const seeds = arg('--seeds')?.split(',').map(Number);

async function main() {
  const t0 = Date.now();
  const tasks = TASKS.map((t) => t.name);
  const scorer = await FamilyScorer.create();
  const summaries: FamilySummary[] = [];
  for (const family of DATA_RECIPE.families as readonly FamilyName[]) {
    if (only && only !== family) continue;
    const fam = loadV3Family(family, tasks, seeds);
    if (!fam.seeds.length) {
      console.log(`${family}: no seed has all ${tasks.length} fine-tunes yet; skipped`);
      continue;
    }
    const sets = { val: loadSplitSets(family, tasks, 'val', valPerTask), test: loadSplitSets(family, tasks, 'test', testPerTask) };
    const units = [];
    for (let s = 0; s < fam.seeds.length; s++) units.push(await evalUnit(fam, s, sets, scorer, console.log));
    summaries.push(summariseFamily(units, tasks));
  }
  await scorer.release();
  const planted = summaries.find((s) => s.family === 'planted'), sibling = summaries.find((s) => s.family === 'sibling');
  const seconds = (Date.now() - t0) / 1000;
  const pick = (s: FamilySummary | undefined) => s && { premise: s.premise, methodPremise: { ...s.methodPremise, layers: undefined }, primary: { comparison: s.primary.comparison, estimate: s.primary.estimate, ci95: s.primary.ci95, vsControl: s.primary.vsControl } };
  const json = {
    generatedBy: 'npm run eval:merge',
    units: 'points (%) of mean test accuracy over the 8 tasks',
    preregistered: 'docs/merge-protocol-v4.md',
    ...pick(planted),
    sibling: pick(sibling),
    families: Object.fromEntries(summaries.map((s) => [s.family, s])),
    data: { valPerTaskForTuning: valPerTask, testPerTask: summaries[0]?.testPerTask, recipe: DATA_RECIPE },
    seconds,
  };
  if (smoke) {
    console.log(JSON.stringify({ premise: json.premise, primary: json.primary, sibling: json.sibling }, null, 1));
    return;
  }
  mkdirSync('docs/results', { recursive: true });
  writeFileSync('docs/results/merge.json', JSON.stringify(json, null, 1) + '\n');
  // The page reads the same file (lib/demos/merge/merge-evidence.ts).
  writeFileSync('public/data/merge/results.json', JSON.stringify(json) + '\n');
  const seedNote = summaries.map((s) => `${s.family}: seeds ${s.seeds.join(', ')}`).join('; ');
  writeResultsSection(renderSection(summaries, {
    seconds: summaries.reduce((a, s) => a + s.seconds, 0),
    command: ['npm run eval:merge', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
    note: `Fine-tune seeds evaluated (${seedNote}); validation for tuning: the first ${valPerTask} images per task; CPU time of the units: ${summaries.reduce((a, s) => a + s.cpuSeconds, 0).toFixed(0)} s.`,
  }));
  console.log(`wrote docs/results/merge.json and docs/results.md in ${seconds.toFixed(0)} s`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
