/**
 * One evaluation unit of `npm run eval:merge`: one family, one fine-tune seed. Tunes every method on
 * validation, then scores the chosen settings on test, keeping per-image correct flags for the paired
 * bootstrap. Written to checkpoints/merge-v4/eval/<family>-s<seed>.json, so a killed evaluation resumes.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chanceSharedDim } from '../../lib/insight/chance-level';
import type { ImageSet } from '../../lib/demos/merge/dataset/dataset';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { BASELINES, CONTROLS, evalState, formTaShared, formUniqueShared, type GridPoint, type MethodSpec, RANDOM_DRAWS } from './eval-grid';
import { familyEngine } from './family-engine';
import { accuracyOf, CKPT_DIR, type FamilyScorer, type V3Family } from './family-scorer';
import { measureMethodPremise, type MethodPremise, sideDim } from './method-premise-check';

/** Test images per task on which every random-control draw is scored. */
export const DRAW_SUBSET = 100;


export interface MethodResult {
  id: string;
  title: string;
  formula: string;
  best: GridPoint;
  val: number;
  /** Validation mean accuracy and mean normalised accuracy at every grid point. */
  curve: { point: GridPoint; val: number; valNormalized: number }[];
  /** Test correct flags per task ('0'/'1' strings). */
  test: string[];
  /** Random control only: mean accuracy of each draw on the first DRAW_SUBSET test images per task (draw 1 first). */
  draws?: number[];
}

export interface LayerNull { name: string; d: number; ranks: number[]; sharedDim: number; chanceMean: number; chanceP95: number; sharedEnergy: number }

export interface UnitResult {
  family: string;
  seed: number;
  valPerTask: number;
  testPerTask: number;
  base: { val: number[]; test: string[] };
  finetune: { val: number[]; test: string[] };
  methods: MethodResult[];
  /** The method's best form and its controls in that form. */
  bestForm: string;
  layers: LayerNull[];
  /** The method's own premise on this seed, measured at the evaluation's decomposition. */
  methodPremise: MethodPremise;
  seconds: number;
  cpuSeconds: number;
}

const flagsToString = (f: Uint8Array) => Array.from(f).join('');
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

export async function evalUnit(fam: V3Family, seedIndex: number, sets: { val: ImageSet[]; test: ImageSet[] }, scorer: FamilyScorer, log: (m: string) => void): Promise<UnitResult> {
  const { seed, encoders } = fam.seeds[seedIndex];
  const dir = process.env.MERGE_EVAL_DIR ?? join(CKPT_DIR, 'eval');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${fam.name}-s${seed}.json`);
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as UnitResult;
  const t0 = Date.now(), c0 = process.cpuUsage();

  const baseVal = await scorer.shared(fam.base, sets.val, fam.heads);
  const ftVal = await scorer.perTask(encoders, sets.val, fam.heads);
  const ftValAcc = ftVal.map(accuracyOf);
  const baseTest = await scorer.shared(fam.base, sets.test, fam.heads);
  const ftTest = await scorer.perTask(encoders, sets.test, fam.heads);
  log(`${fam.name}/s${seed}: base val ${(100 * mean(baseVal.map(accuracyOf))).toFixed(1)}, fine-tunes val ${(100 * mean(ftValAcc)).toFixed(1)}`);

  // The page's engine, on the page's backend (tfjs-wasm): every edited encoder is what the page computes for that state.
  const engine = await familyEngine(fam.base, fam.tasks, encoders);
  const encoderFor = (spec: MethodSpec, p: GridPoint, draw = 1): Promise<WeightSet> => engine.apply(spec.recipe(fam.tasks, p, draw));
  const tuneOne = async (spec: MethodSpec, draw = 1) => {
    const curve: MethodResult['curve'] = [];
    for (const point of spec.grid) {
      const flags = await scorer.shared(await encoderFor(spec, point, draw), sets.val, fam.heads);
      const accs = flags.map(accuracyOf);
      curve.push({ point, val: mean(accs), valNormalized: mean(accs.map((a, t) => (ftValAcc[t] > 0 ? a / ftValAcc[t] : 0))) });
    }
    const best = curve.reduce((b, c) => (c.val > b.val ? c : b), curve[0]);
    return { curve, best };
  };
  const methods: MethodResult[] = [];
  const run = async (spec: MethodSpec) => {
    const { curve, best } = await tuneOne(spec);
    const test = await scorer.shared(await encoderFor(spec, best.point), sets.test, fam.heads);
    methods.push({ id: spec.id, title: spec.title, formula: spec.formula, best: best.point, val: best.val, curve, test: test.map(flagsToString) });
    log(`  ${spec.id} (λ=${best.point.lambda}${best.point.second !== undefined ? `, ${best.point.second}` : ''}): val ${(100 * best.val).toFixed(1)}, test ${(100 * mean(test.map(accuracyOf))).toFixed(1)}`);
    return methods[methods.length - 1];
  };

  for (const spec of BASELINES) await run(spec);
  const ta = await run(formTaShared('method'));
  const us = await run(formUniqueShared('method'));
  const bestForm = ta.val >= us.val ? 'ta_shared' : 'unique_shared';
  const form = bestForm === 'ta_shared' ? formTaShared : formUniqueShared;
  for (const c of CONTROLS) {
    const spec = form(c.subspace, `control_${c.subspace}`, `Control: ${c.title} (${bestForm === 'ta_shared' ? 'TA + shared' : 'unique + shared once'})`);
    if (c.subspace !== 'random') {
      await run(spec);
      continue;
    }
    // Random: tuned on draw 1 and scored on all test images (the paired comparison uses it); the spread of
    // RANDOM_DRAWS draws at that setting is measured on the first DRAW_SUBSET test images per task (CPU budget).
    const { curve, best } = await tuneOne(spec, 1);
    const test = await scorer.shared(await encoderFor(spec, best.point, 1), sets.test, fam.heads);
    const sub = sets.test.map((x) => ({ count: Math.min(DRAW_SUBSET, x.count), images: x.images.subarray(0, Math.min(DRAW_SUBSET, x.count) * 784), labels: x.labels.subarray(0, Math.min(DRAW_SUBSET, x.count)) }));
    const draws = [mean(test.map((f) => accuracyOf(f.subarray(0, DRAW_SUBSET))))];
    for (let d = 2; d <= RANDOM_DRAWS; d++) draws.push(mean((await scorer.shared(await encoderFor(spec, best.point, d), sub, fam.heads)).map(accuracyOf)));
    methods.push({ id: spec.id, title: spec.title, formula: spec.formula, best: best.point, val: best.val, curve, test: test.map(flagsToString), draws });
    log(`  ${spec.id}: val ${(100 * best.val).toFixed(1)}, test ${(100 * mean(test.map(accuracyOf))).toFixed(1)}, draws on ${DRAW_SUBSET}/task ${draws.map((x) => (100 * x).toFixed(1)).join(' ')}`);
  }

  const method = formTaShared('method').recipe(fam.tasks, { lambda: 1, second: 1 });
  const layers: LayerNull[] = [];
  for (const x of (await engine.decompose(method.models, method.decomposition)).filter((y) => y.kind === 'matrix')) {
    const d = sideDim(x.shape, evalState(fam.tasks).side);
    const chance = await chanceSharedDim(d, x.ranks, evalState(fam.tasks).eta, 20, 1);
    layers.push({ name: x.name, d, ranks: x.ranks, sharedDim: x.sharedDim, chanceMean: chance.mean, chanceP95: chance.p95, sharedEnergy: mean(x.sharedEnergy) });
  }
  const methodPremise = await measureMethodPremise(engine, fam.base, encoders, fam.common, evalState(fam.tasks));
  const cpu = process.cpuUsage(c0);
  const result: UnitResult = {
    family: fam.name, seed, valPerTask: sets.val[0].count, testPerTask: sets.test[0].count,
    base: { val: baseVal.map(accuracyOf), test: baseTest.map(flagsToString) },
    finetune: { val: ftValAcc, test: ftTest.map(flagsToString) },
    methods, bestForm, layers, methodPremise, seconds: (Date.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
  writeFileSync(path + '.tmp', JSON.stringify(result));
  renameSync(path + '.tmp', path);
  log(`${fam.name}/s${seed} done: ${result.seconds.toFixed(0)} s wall, ${result.cpuSeconds.toFixed(0)} CPU-s`);
  return result;
}
