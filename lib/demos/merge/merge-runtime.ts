/**
 * The merge demo's computation: load the shipped family and data, evaluate every method's
 * recipe with onnxruntime (injected), sweep lambda. Runs in the engine worker or in Node.
 */
import { type ImageSet, PIXELS } from './dataset/dataset';
import { loadDataIndex, loadTaskSplit } from './dataset/fetch-data';
import type { TensorDiagnostics } from '../../decompose/decompose-weights';
import type { DemoHost, DemoSession, RunContext } from '../../demo/contract';
import { fractionCorrect, VitSession } from '../../onnx/session';
import type { Recipe } from '../../recipe/schema';
import type { WeightSet } from '../../tensors/weight-set';
import { remember } from '../../util/remember';
import { type EvalResult, type EvalTask, evaluateEncoder, evaluatePerTask } from './evaluate';
import { loadMergeFamily } from './merge-family';
import { headOf, normalizedInterval, QUICK_PER_TASK } from './quick-estimate';
import { baseId, type MergeMethodId, mergeMethods, taskId } from './merge-recipes';
import type { MergeState } from './merge-state';

export interface MergeTaskInfo {
  name: string;
  title: string;
  classes: string[];
  finetune: { val: number; test: number };
  baseHead: { val: number; test: number };
}

export interface MethodScore extends EvalResult {
  id: MergeMethodId | 'base' | 'finetune';
  title: string;
  formula: string;
  /** Set on a first estimate from a few images per task: the 95% interval of its mean normalised accuracy. */
  estimate?: { perTask: number; ci95: [number, number] };
}

export interface MergeEvaluation {
  split: 'val' | 'test';
  rows: MethodScore[];
  ms: number;
}

export interface SweepPoint {
  lambda: number;
  [method: string]: number;
}

export interface MergeExample {
  task: string;
  image: Uint8Array;
  label: string;
  predictions: Record<string, string>;
}

/** What the page shows for one state: the test-split table, the layer diagnostics, examples. */
export interface MergeResult {
  table: MergeEvaluation;
  layers: TensorDiagnostics[];
  examples: MergeExample[];
}

/** The λ grid of the validation sweep. */
export const SWEEP_LAMBDAS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1];

export type MergeSession = DemoSession<MergeState, MergeTaskInfo[], MergeResult, { sweep: SweepPoint[] }>;

export async function openMerge(host: DemoHost, loading: RunContext): Promise<MergeSession> {
  const urls = { models: '/models/merge', data: '/data/merge', ...host.urls };
  const fetchFn = host.fetch as Parameters<typeof loadDataIndex>[1];
  loading.progress('load', 0, 3);
  const family = await loadMergeFamily(urls.models, host.fetch);
  loading.progress('load', 1, 3);
  const index = await loadDataIndex(urls.data, fetchFn);
  const sets = new Map<string, ImageSet>();
  const names = family.manifest.tasks.map((t) => t.name);
  const splits = names.flatMap((n) => (['val', 'test'] as const).map((s) => [n, s] as const));
  await Promise.all(splits.map(async ([n, s]) => sets.set(`${n}/${s}`, await loadTaskSplit(index, n, s, urls.data, fetchFn))));
  loading.progress('load', 2, 3);
  const session = await VitSession.create(await host.ort(), family.manifest.architecture);
  loading.progress('load', 3, 3);
  host.engine.addWeights(baseId, family.base);
  for (const [name, enc] of Object.entries(family.encoders)) host.engine.addWeights(taskId(name), enc);

  const references = new Map<string, EvalResult>();
  /** Per split and recipe: its scores, and its predictions per image set (the examples reuse the test split's). */
  const scores = new Map<string, { result: EvalResult; predictions: Map<ImageSet, Uint8Array> }>();
  const scoreKey = (split: string, recipe: Recipe) => `${split}:${JSON.stringify(recipe)}`;

  const accuracyIn = (run: RunContext) => async (encoder: WeightSet, head: WeightSet, set: ImageSet) => {
    run.check();
    return session.accuracy(set, encoder, head);
  };

  const evalTasks = (tasks: string[], split: 'val' | 'test', kind: 'base' | 'finetune', reference?: EvalResult): EvalTask[] =>
    tasks.map((name, i) => ({ name, head: family.heads[name][kind], data: sets.get(`${name}/${split}`)!, reference: reference?.tasks[i].accuracy ?? 1 }));

  async function score(run: RunContext, recipe: Recipe, tasks: EvalTask[], split: string): Promise<EvalResult> {
    const key = scoreKey(split, recipe);
    const hit = scores.get(key);
    if (hit) return hit.result;
    const predictions = new Map<ImageSet, Uint8Array>();
    const result = await evaluateEncoder(await run.weights(recipe), tasks, async (encoder, head, set) => {
      run.check();
      const pred = await session.predict(set, encoder, head);
      predictions.set(set, pred);
      return fractionCorrect(pred, set);
    });
    return remember(scores, key, { result, predictions }, 256).result;
  }

  /** Individual fine-tunes on a split: the denominators of normalised accuracy (cached). */
  async function finetuneReference(run: RunContext, tasks: string[], split: 'val' | 'test'): Promise<EvalResult> {
    const key = `${split}:${tasks.join(',')}`;
    let ref = references.get(key);
    if (!ref) {
      const raw = await evaluatePerTask(family.encoders, evalTasks(tasks, split, 'finetune'), accuracyIn(run));
      // Each fine-tune is its own reference: normalised accuracy 1 by definition.
      ref = { ...raw, tasks: raw.tasks.map((t) => ({ ...t, normalized: 1 })), meanNormalized: 1 };
      references.set(key, ref);
    }
    return ref;
  }

  async function table(state: MergeState, run: RunContext, split: 'val' | 'test' = 'test'): Promise<MergeEvaluation> {
    const t0 = performance.now();
    const methods = mergeMethods(state);
    const total = methods.length + 2;
    let done = 0;
    const tick = () => run.progress('evaluate', ++done, total);
    const ft = await finetuneReference(run, state.tasks, split);
    tick();
    const baseKey = `base:${split}:${state.tasks.join(',')}`;
    let base = references.get(baseKey);
    if (!base) {
      const encoders = Object.fromEntries(state.tasks.map((t) => [t, family.base]));
      base = await evaluatePerTask(encoders, evalTasks(state.tasks, split, 'base', ft), accuracyIn(run));
      references.set(baseKey, base);
    }
    tick();
    const rows: MethodScore[] = [
      { id: 'base', title: 'Base + per-task heads', formula: 'θ₀, a head trained per task', ...base },
      { id: 'finetune', title: 'Individual fine-tunes', formula: 'θᵢ for task i (8 models)', ...ft },
    ];
    const tasks = evalTasks(state.tasks, split, 'finetune', ft);
    // Methods not scored yet (a coefficient just changed): a first estimate on a few images per task
    // shows within a fraction of the full table's time, then the full rows replace it.
    const fresh = methods.filter((m) => !scores.has(scoreKey(split, m.recipe)));
    if (fresh.length) {
      const few = tasks.map((t) => ({ ...t, data: headOf(t.data, QUICK_PER_TASK, PIXELS) }));
      const quick: MethodScore[] = [...rows];
      for (const m of methods) {
        const cached = scores.get(scoreKey(split, m.recipe))?.result;
        const r = cached ?? (await evaluateEncoder(await run.weights(m.recipe), few, accuracyIn(run)));
        const estimate = cached ? undefined : { perTask: QUICK_PER_TASK, ci95: normalizedInterval(r, few.map((t) => t.data.count), few.map((t) => t.reference)) };
        quick.push({ id: m.id, title: m.title, formula: m.formula, ...r, estimate });
      }
      run.partial('estimate', { split, rows: quick, ms: performance.now() - t0 } satisfies MergeEvaluation);
    }
    for (const m of methods) {
      rows.push({ id: m.id, title: m.title, formula: m.formula, ...(await score(run, m.recipe, tasks, split)) });
      tick();
    }
    return { split, rows, ms: performance.now() - t0 };
  }

  /** A few test images per task with each method's prediction (from the table's own pass when it ran). */
  async function examples(state: MergeState, run: RunContext, perTask = 2): Promise<MergeExample[]> {
    const methods = mergeMethods(state);
    const out: MergeExample[] = [];
    for (const task of state.tasks) {
      const set = sets.get(`${task}/test`)!;
      const classes = family.manifest.tasks.find((t) => t.name === task)!.classes;
      const picks: ImageSet = { count: perTask, images: set.images.subarray(0, perTask * PIXELS), labels: set.labels.subarray(0, perTask) };
      const preds = await Promise.all(
        methods.map(async (m) => scores.get(scoreKey('test', m.recipe))?.predictions.get(set) ?? session.predict(picks, await run.weights(m.recipe), family.heads[task].finetune)),
      );
      for (let i = 0; i < perTask; i++) {
        out.push({
          task,
          image: picks.images.slice(i * PIXELS, (i + 1) * PIXELS),
          label: classes[picks.labels[i]],
          predictions: Object.fromEntries(methods.map((m, j) => [m.id, classes[preds[j][i]]])),
        });
      }
    }
    return out;
  }

  return {
    info: family.manifest.tasks.map((t) => ({ name: t.name, title: t.title, classes: t.classes, finetune: t.accuracy.finetune, baseHead: t.accuracy.baseHead })),
    async evaluate(state, run) {
      const t = await table(state, run);
      // Per-layer diagnostics of the decomposition the shared-part methods use.
      const shared = mergeMethods(state).find((m) => m.id === 'ta_shared')!.recipe;
      const layers = await host.engine.decompose(shared.models, shared.decomposition);
      return { table: t, layers, examples: await examples(state, run) };
    },
    actions: {
      /** Mean normalised accuracy on the validation split for each method over the λ grid. */
      async sweep(state, run) {
        const ft = await finetuneReference(run, state.tasks, 'val');
        const tasks = evalTasks(state.tasks, 'val', 'finetune', ft);
        const points: SweepPoint[] = [];
        let done = 0;
        for (const lambda of SWEEP_LAMBDAS) {
          const point: SweepPoint = { lambda };
          for (const m of mergeMethods(state, lambda)) point[m.id] = (await score(run, m.recipe, tasks, 'val')).meanNormalized;
          points.push(point);
          run.progress('sweep', ++done, SWEEP_LAMBDAS.length);
        }
        return points;
      },
    },
  };
}
