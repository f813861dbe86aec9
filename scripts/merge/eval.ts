/**
 * npm run eval:merge [-- --models public/models/merge] [-- --small]
 * Test-split accuracies of the 8-task merge, every hyper-parameter tuned on the VALIDATION split:
 * base + heads, individual fine-tunes, task arithmetic, TIES, task arithmetic + shared (alpha),
 * unique + shared counted once (gamma), and the same-size controls (top-singular, random).
 * Uses lib/decompose + lib/recipe for the edits and lib/onnx (onnxruntime-web on wasm in Node) for inference.
 */
import * as ort from 'onnxruntime-web';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decomposeWeights, type Decomposition } from '../../lib/decompose';
import { float64Engine } from '../../lib/linalg/engine';
import { type AccuracyFn, type EvalResult, type EvalTask, evaluateEncoder, evaluatePerTask, tune } from '../../lib/merge/evaluate';
import { type OrtModule, VitSession } from '../../lib/onnx/session';
import { applyRecipe, parseRecipe, type RecipeInput } from '../../lib/recipe';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { loadFamilyFromDisk, loadSplit } from './node-family';
import { writeResultsSection } from './results-doc';

const arg = (name: string, dflt: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : dflt);
const modelsDir = arg('--models', 'public/models/merge');
const small = process.argv.includes('--small');

const LAMBDAS = small ? [0.3, 1] : [0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0];
const TIES_LAMBDAS = small ? [1] : [0.05, 0.1, 0.2, 0.3, 0.4, 0.6, 0.8, 1.0, 1.2, 1.5, 2.0];
const ALPHAS = small ? [0, 4] : [0, 1, 2, 4, 8, 16];
const ETAS = small ? [0.85] : [0.85, 0.5, 0.2, 0.1];

async function main() {
  const t0 = Date.now();
  const fam = await loadFamilyFromDisk(modelsDir);
  const names = fam.manifest.tasks.map((t) => t.name);
  const k = names.length;
  const tasks = names.map((n) => fam.encoders[n]);
  const session = await VitSession.create(ort as unknown as OrtModule, fam.manifest.architecture, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const accuracy: AccuracyFn = (e, h, s) => session.accuracy(s, e, h);

  const split = (which: 'val' | 'test', kind: 'base' | 'finetune', refs?: EvalResult): EvalTask[] =>
    names.map((n, i) => ({ name: n, head: fam.heads[n][kind], data: loadSplit(n, which), reference: refs ? refs.tasks[i].accuracy : 1 }));
  // Individual fine-tunes first: they are every normalised score's denominator.
  const ft = { val: await evaluatePerTask(fam.encoders, split('val', 'finetune'), accuracy), test: await evaluatePerTask(fam.encoders, split('test', 'finetune'), accuracy) };
  const val = split('val', 'finetune', ft.val), test = split('test', 'finetune', ft.test);
  const ftv = await evaluatePerTask(fam.encoders, val, accuracy), ftt = await evaluatePerTask(fam.encoders, test, accuracy);
  const baseEnc = Object.fromEntries(names.map((n) => [n, fam.base]));
  const bh = { val: await evaluatePerTask(baseEnc, split('val', 'base', ft.val), accuracy), test: await evaluatePerTask(baseEnc, split('test', 'base', ft.test), accuracy) };

  const decompositions = new Map<string, Decomposition>();
  const decompose = async (eta: number, control: 'none' | 'top-singular' | 'random') => {
    const key = `${eta}/${control}`;
    if (!decompositions.has(key)) decompositions.set(key, await decomposeWeights(fam.base, tasks, { eta, control, seed: 1 }, float64Engine));
    return decompositions.get(key)!;
  };
  const recipe = (terms: RecipeInput['terms'], method: RecipeInput['method'], eta = 0.85, control: 'none' | 'top-singular' | 'random' = 'none') =>
    parseRecipe({ version: 1, models: { family: 'merge', base: 'merge/base', tasks: names.map((n) => `merge/task-${n}`) }, decomposition: { eta, control, seed: 1 }, terms, method });
  const full = (c = 1) => names.map((_, i) => ({ task: i, part: 'full' as const, coefficient: c }));
  const part = (p: 'shared' | 'unique', c: number) => names.map((_, i) => ({ task: i, part: p, coefficient: c }));
  const edit = async (terms: RecipeInput['terms'], method: RecipeInput['method'], eta = 0.85, control: 'none' | 'top-singular' | 'random' = 'none'): Promise<WeightSet> =>
    applyRecipe(recipe(terms, method, eta, control), fam.base, await decompose(eta, control));

  // The merges use the fine-tuned heads: this row is what "no merge" (lambda = 0) gives with them.
  const zero = { val: await evaluateEncoder(fam.base, val, accuracy), test: await evaluateEncoder(fam.base, test, accuracy) };
  const rows: { method: string; params: string; val: EvalResult; test: EvalResult }[] = [
    { method: 'Base + per-task heads', params: '-', val: bh.val, test: bh.test },
    { method: 'Individual fine-tunes', params: '-', val: ftv, test: ftt },
    { method: 'Base encoder + fine-tuned heads', params: 'λ=0', val: zero.val, test: zero.test },
  ];
  const addRow = async <P>(method: string, grid: P[], make: (p: P) => Promise<WeightSet>, show: (p: P) => string) => {
    const r = await tune(grid, make, val, accuracy);
    const testResult = await evaluateEncoder(await make(r.best), test, accuracy);
    rows.push({ method, params: show(r.best), val: r.bestResult, test: testResult });
    console.log(`${method} (${show(r.best)}): val norm ${r.bestResult.meanNormalized.toFixed(3)}, test acc ${testResult.meanAccuracy.toFixed(3)} norm ${testResult.meanNormalized.toFixed(3)}`);
    return r;
  };

  await addRow('Task arithmetic', LAMBDAS, (l) => edit(full(), { name: 'task_arithmetic', lambda: l }), (l) => `λ=${l}`);
  await addRow('TIES (density 0.2)', TIES_LAMBDAS, (l) => edit(full(), { name: 'ties', lambda: l, density: 0.2 }), (l) => `λ=${l}`);
  const grid3 = ETAS.flatMap((eta) => ALPHAS.flatMap((alpha) => LAMBDAS.map((lambda) => ({ eta, alpha, lambda }))));
  const show3 = (p: { eta: number; alpha: number; lambda: number }) => `λ=${p.lambda}, α=${p.alpha}, η=${p.eta}`;
  // tau_S = mean_i shared_i, so alpha * tau_S is the term alpha/k on each task's shared part.
  const taShared = (control: 'none' | 'top-singular' | 'random') => (p: { eta: number; alpha: number; lambda: number }) =>
    edit([...full(), ...part('shared', p.alpha / k)], { name: 'task_arithmetic', lambda: p.lambda }, p.eta, control);
  const best = await addRow('Task arithmetic + shared', grid3, taShared('none'), show3);
  const gammaGrid = ETAS.flatMap((eta) => [1, 2, 4, 8].flatMap((gamma) => LAMBDAS.map((lambda) => ({ eta, alpha: gamma, lambda }))));
  await addRow('Unique + shared once (γ)', gammaGrid, (p) => edit([...part('unique', 1), ...part('shared', p.alpha / k)], { name: 'task_arithmetic', lambda: p.lambda }, p.eta), (p) => `λ=${p.lambda}, γ=${p.alpha}, η=${p.eta}`);
  // Controls: same recipe, same eta as the method's choice, shared subspace replaced by a same-size one.
  const ctlGrid = ALPHAS.flatMap((alpha) => LAMBDAS.map((lambda) => ({ eta: best.best.eta, alpha, lambda })));
  await addRow('Control: top-singular subspace + TA', ctlGrid, taShared('top-singular'), show3);
  await addRow('Control: random subspace + TA', ctlGrid, taShared('random'), show3);

  const d = await decompose(best.best.eta, 'none');
  const matrices = d.diagnostics.filter((x) => x.kind === 'matrix');
  const sharedDims = matrices.map((x) => `${x.name}: ${x.sharedDim}`).join(', ');
  // The chained projection's top eigenvalues per matrix, at every eta tried (eigenvalues do not depend on eta).
  const spectrum = matrices.map((x) => `${x.name}: ${x.eigenvalues.slice(0, 3).map((v) => v.toFixed(2)).join(' ')}`).join('; ');
  const dimsByEta = [];
  for (const eta of ETAS) dimsByEta.push(`η=${eta}: ${(await decompose(eta, 'none')).diagnostics.reduce((a, x) => a + x.sharedDim, 0)}`);
  console.log(`top eigenvalues: ${spectrum}`);
  console.log(`total shared dims: ${dimsByEta.join(', ')}`);
  const seconds = (Date.now() - t0) / 1000;
  writeResultsSection({ names, rows, sharedDims: `${sharedDims}. Total shared dimensions over all matrices: ${dimsByEta.join(', ')}. Top-3 eigenvalues of the 8-task chained projection: ${spectrum}`, seconds, modelsDir });
  writeFileSync(join(modelsDir, 'eval.json'), JSON.stringify({ tuned: rows.map((r) => ({ method: r.method, params: r.params, val: r.val, test: r.test })), sharedDims: Object.fromEntries(matrices.map((x) => [x.name, x.sharedDim])), seconds }, null, 2) + '\n');
  console.log(`shared dims at η=${best.best.eta}: ${sharedDims}`);
  console.log(`eval done in ${seconds.toFixed(0)} s`);
  await session.release();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
