/**
 * npx tsx scripts/merge/explore.ts [--models public/models/merge] [--family v1] [--settings a,b,...] [--out file.jsonl]
 * Settings the 8-task table does not cover, each tuned on the VALIDATION split and scored on test:
 * side (left/right), the tasks the shared subspace is computed over, fewer merged tasks.
 * Per setting: task arithmetic, TA + shared (eta, alpha, lambda), unique + shared once (eta, gamma, lambda),
 * and both same-size controls at the method's eta (alpha, lambda tuned the same way).
 * One JSON line per setting goes to --out (default checkpoints/merge-explore/results.jsonl).
 */
import * as ort from 'onnxruntime-web';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { decomposeWeights, type Decomposition } from '../../lib/decompose';
import { float64Engine } from '../../lib/linalg/engine';
import { type AccuracyFn, type EvalResult, type EvalTask, evaluateEncoder, evaluatePerTask, tune } from '../../lib/merge/evaluate';
import { type OrtModule, VitSession } from '../../lib/onnx/session';
import { applyRecipe, parseRecipe, type RecipeInput } from '../../lib/recipe';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { loadFamilyFromDisk, loadSplit } from './node-family';

const arg = (name: string, dflt: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : dflt);
const modelsDir = arg('--models', 'public/models/merge');
const out = arg('--out', 'checkpoints/merge-explore/results.jsonl');
/** Label of the model family in the output (v1 = first shipped schedule, v2 = train-config.ts TRAIN_V2). */
const family = arg('--family', 'v1');

type Side = 'left' | 'right';
type Control = 'none' | 'top-singular' | 'random';
interface Setting { id: string; tasks: string[] | null; side: Side; over: string[] | null }

const ALL = null;
const DIGITS = ['mnist', 'digits'];
const GLYPHS = ['digits', 'latin', 'greek', 'symbols'];
const FOUR = ['mnist', 'digits', 'latin', 'greek'];
export const SETTINGS: Setting[] = [
  { id: '8-left-all', tasks: ALL, side: 'left', over: null },
  { id: '8-right-all', tasks: ALL, side: 'right', over: null },
  { id: '8-left-digits', tasks: ALL, side: 'left', over: DIGITS },
  { id: '8-right-digits', tasks: ALL, side: 'right', over: DIGITS },
  { id: '8-left-glyphs', tasks: ALL, side: 'left', over: GLYPHS },
  { id: '8-right-glyphs', tasks: ALL, side: 'right', over: GLYPHS },
  { id: '4-left-all', tasks: FOUR, side: 'left', over: null },
  { id: '4-right-all', tasks: FOUR, side: 'right', over: null },
  { id: '2digits-left', tasks: DIGITS, side: 'left', over: null },
  { id: '2digits-right', tasks: DIGITS, side: 'right', over: null },
];

const LAMBDAS = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0];
const ALPHAS = [0, 1, 2, 4, 8, 16];
const GAMMAS = [1, 2, 4, 8, 16];
const ETAS = [0.85, 0.5, 0.2];

async function main() {
  const wanted = arg('--settings', SETTINGS.map((s) => s.id).join(',')).split(',');
  const fam = await loadFamilyFromDisk(modelsDir);
  const allNames = fam.manifest.tasks.map((t) => t.name);
  const session = await VitSession.create(ort as unknown as OrtModule, fam.manifest.architecture, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const accuracy: AccuracyFn = (e, h, s) => session.accuracy(s, e, h);
  mkdirSync(dirname(out), { recursive: true });

  for (const setting of wanted.map((id) => SETTINGS.find((s) => s.id === id) ?? (() => { throw new Error(`unknown setting ${id}`); })())) {
    const t0 = Date.now();
    const names = setting.tasks ?? allNames;
    const k = names.length;
    const over = setting.over ? setting.over.map((n) => names.indexOf(n)) : null;
    const tasks = names.map((n) => fam.encoders[n]);
    const split = (which: 'val' | 'test', kind: 'base' | 'finetune', refs?: EvalResult): EvalTask[] =>
      names.map((n, i) => ({ name: n, head: fam.heads[n][kind], data: loadSplit(n, which), reference: refs ? refs.tasks[i].accuracy : 1 }));
    const ft = { val: await evaluatePerTask(fam.encoders, split('val', 'finetune'), accuracy), test: await evaluatePerTask(fam.encoders, split('test', 'finetune'), accuracy) };
    const val = split('val', 'finetune', ft.val), test = split('test', 'finetune', ft.test);
    const baseEnc = Object.fromEntries(names.map((n) => [n, fam.base]));
    const bh = await evaluatePerTask(baseEnc, split('test', 'base', ft.test), accuracy);
    const zero = await evaluateEncoder(fam.base, test, accuracy);

    const cache = new Map<string, Decomposition>();
    const decompose = async (eta: number, control: Control) => {
      const key = `${eta}/${control}`;
      if (!cache.has(key)) cache.set(key, await decomposeWeights(fam.base, tasks, { eta, control, seed: 1, side: setting.side, over }, float64Engine));
      return cache.get(key)!;
    };
    const edit = async (terms: RecipeInput['terms'], lambda: number, eta = 0.85, control: Control = 'none'): Promise<WeightSet> =>
      applyRecipe(parseRecipe({
        version: 1,
        models: { family: 'merge', base: 'merge/base', tasks: names.map((n) => `merge/task-${n}`) },
        decomposition: { eta, control, seed: 1, side: setting.side, over },
        terms,
        method: { name: 'task_arithmetic', lambda },
      }), fam.base, await decompose(eta, control));
    const part = (p: 'full' | 'shared' | 'unique', c: number) => names.map((_, i) => ({ task: i, part: p, coefficient: c }));
    type P = { eta: number; alpha: number; lambda: number };
    const rows: Record<string, unknown>[] = [];
    const run = async (method: string, grid: P[], make: (p: P) => Promise<WeightSet>) => {
      const r = await tune(grid, make, val, accuracy);
      const t = await evaluateEncoder(await make(r.best), test, accuracy);
      const row = { method, params: r.best, valNorm: r.bestResult.meanNormalized, testAcc: t.meanAccuracy, testNorm: t.meanNormalized, testTasks: t.tasks.map((x) => x.accuracy) };
      rows.push(row);
      console.log(`[${setting.id}] ${method} ${JSON.stringify(r.best)} val norm ${r.bestResult.meanNormalized.toFixed(4)} test acc ${(100 * t.meanAccuracy).toFixed(1)} norm ${(100 * t.meanNormalized).toFixed(1)}`);
      return r;
    };
    const taShared = (control: Control) => (p: P) => edit([...part('full', 1), ...part('shared', p.alpha / k)], p.lambda, p.eta, control);
    await run('task_arithmetic', LAMBDAS.map((lambda) => ({ eta: 0.85, alpha: 0, lambda })), (p) => edit(part('full', 1), p.lambda));
    const best = await run('ta_shared', ETAS.flatMap((eta) => ALPHAS.flatMap((alpha) => LAMBDAS.map((lambda) => ({ eta, alpha, lambda })))), taShared('none'));
    const ctl = ALPHAS.flatMap((alpha) => LAMBDAS.map((lambda) => ({ eta: best.best.eta, alpha, lambda })));
    await run('ta_shared_ctl_top', ctl, taShared('top-singular'));
    await run('ta_shared_ctl_random', ctl, taShared('random'));
    const once = await run('unique_shared', ETAS.flatMap((eta) => GAMMAS.flatMap((alpha) => LAMBDAS.map((lambda) => ({ eta, alpha, lambda })))),
      (p) => edit([...part('unique', 1), ...part('shared', p.alpha / k)], p.lambda, p.eta));
    const onceCtl = (control: Control) => (p: P) => edit([...part('unique', 1), ...part('shared', p.alpha / k)], p.lambda, p.eta, control);
    const ctl2 = GAMMAS.flatMap((alpha) => LAMBDAS.map((lambda) => ({ eta: once.best.eta, alpha, lambda })));
    await run('unique_shared_ctl_top', ctl2, onceCtl('top-singular'));
    await run('unique_shared_ctl_random', ctl2, onceCtl('random'));
    const dims: Record<string, number> = {};
    for (const eta of ETAS) dims[eta] = (await decompose(eta, 'none')).diagnostics.reduce((a, x) => a + x.sharedDim, 0);
    const line = { family, setting, names, seconds: (Date.now() - t0) / 1000, finetune: { acc: ft.test.meanAccuracy }, baseHeads: { acc: bh.meanAccuracy, norm: bh.meanNormalized },
      zero: { acc: zero.meanAccuracy, norm: zero.meanNormalized }, sharedDims: dims, rows };
    console.log(`[${setting.id}] base+heads ${(100 * bh.meanAccuracy).toFixed(1)}, λ=0 ${(100 * zero.meanAccuracy).toFixed(1)}, ft ${(100 * ft.test.meanAccuracy).toFixed(1)}, dims ${JSON.stringify(dims)}, ${line.seconds.toFixed(0)} s`);
    appendFileSync(out, JSON.stringify(line) + '\n');
  }
  await session.release();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
