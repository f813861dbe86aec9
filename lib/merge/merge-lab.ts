import { type DataIndex, type ImageSet, PIXELS } from '../datasets/merge/dataset';
import { loadDataIndex, loadTaskSplit } from '../datasets/merge/fetch-data';
import { CancelledError, type TensorDiagnostics } from '../decompose/decompose-weights';
import type { LabEngine } from '../engine/lab-engine';
import { loadMergeFamily, type MergeFamily } from './merge-family';
import { type OrtModule, VitSession } from '../onnx/session';
import type { Recipe } from '../recipe/schema';
import type { WeightSet } from '../tensors/weight-set';
import { type EvalResult, type EvalTask, evaluateEncoder, evaluatePerTask } from './evaluate';
import { baseId, type MergeMethodId, mergeMethods, taskId } from './merge-recipes';
import type { MergeState } from './merge-state';

export type MergeProgress = { stage: 'load' | 'evaluate' | 'sweep'; loaded: number; total: number };
type Fetch = Parameters<typeof loadDataIndex>[1];

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

/**
 * The merge demo's whole computation, in one object a worker can expose: load the shipped family
 * and data, turn page states into recipes, evaluate them with onnxruntime (injected), sweep lambda.
 */
export class MergeLab {
  private family: MergeFamily | null = null;
  private index: DataIndex | null = null;
  private sets = new Map<string, ImageSet>();
  private session: VitSession | null = null;
  private references = new Map<string, EvalResult>();
  /** Recent edited encoders and their scores by recipe: moving one slider re-evaluates one method. */
  private encoders = new Map<string, WeightSet>();
  private scores = new Map<string, EvalResult>();
  private cancelToken = { aborted: false };

  constructor(
    private readonly engine: LabEngine,
    private readonly ort: () => Promise<{ ort: OrtModule; options: Record<string, unknown> }>,
    private readonly urls = { models: '/models/merge', data: '/data/merge' },
    private readonly fetchFn?: Fetch,
  ) {}

  async load(onProgress?: (p: MergeProgress) => void): Promise<MergeTaskInfo[]> {
    if (!this.family) {
      onProgress?.({ stage: 'load', loaded: 0, total: 3 });
      this.family = await loadMergeFamily(this.urls.models, this.fetchFn);
      onProgress?.({ stage: 'load', loaded: 1, total: 3 });
      this.index = await loadDataIndex(this.urls.data, this.fetchFn);
      const names = this.family.manifest.tasks.map((t) => t.name);
      const splits = names.flatMap((n) => (['val', 'test'] as const).map((s) => [n, s] as const));
      await Promise.all(splits.map(async ([n, s]) => this.sets.set(`${n}/${s}`, await loadTaskSplit(this.index!, n, s, this.urls.data, this.fetchFn))));
      onProgress?.({ stage: 'load', loaded: 2, total: 3 });
      const { ort, options } = await this.ort();
      this.session = await VitSession.create(ort, this.family.manifest.architecture, options);
      onProgress?.({ stage: 'load', loaded: 3, total: 3 });
    }
    this.engine.addWeights(baseId, this.family.base);
    for (const [name, enc] of Object.entries(this.family.encoders)) this.engine.addWeights(taskId(name), enc);
    return this.family.manifest.tasks.map((t) => ({ name: t.name, title: t.title, classes: t.classes, finetune: t.accuracy.finetune, baseHead: t.accuracy.baseHead }));
  }

  cancel(): void {
    this.cancelToken.aborted = true;
    this.engine.cancel();
  }

  private ready() {
    if (!this.family || !this.session) throw new Error('the merge models are not loaded yet');
    return { family: this.family, session: this.session };
  }

  private async encoder(recipe: Recipe): Promise<WeightSet> {
    const key = JSON.stringify(recipe);
    let enc = this.encoders.get(key);
    if (!enc) {
      enc = await this.engine.apply(recipe);
      remember(this.encoders, key, enc, 12);
    }
    return enc;
  }

  private async score(recipe: Recipe, tasks: EvalTask[], split: string): Promise<EvalResult> {
    const key = `${split}:${JSON.stringify(recipe)}`;
    let result = this.scores.get(key);
    if (!result) {
      result = await evaluateEncoder(await this.encoder(recipe), tasks, this.accuracy);
      remember(this.scores, key, result, 256);
    }
    return result;
  }

  private checkCancelled() {
    if (this.cancelToken.aborted) throw new CancelledError();
  }

  private accuracy = async (encoder: WeightSet, head: WeightSet, set: ImageSet) => {
    this.checkCancelled();
    return this.ready().session.accuracy(set, encoder, head);
  };

  private evalTasks(tasks: string[], split: 'val' | 'test', kind: 'base' | 'finetune', reference?: EvalResult): EvalTask[] {
    const { family } = this.ready();
    return tasks.map((name, i) => ({ name, head: family.heads[name][kind], data: this.sets.get(`${name}/${split}`)!, reference: reference?.tasks[i].accuracy ?? 1 }));
  }

  /** Individual fine-tunes on a split: the denominators of normalised accuracy (cached). */
  private async finetuneReference(tasks: string[], split: 'val' | 'test'): Promise<EvalResult> {
    const key = `${split}:${tasks.join(',')}`;
    let ref = this.references.get(key);
    if (!ref) {
      const raw = await evaluatePerTask(this.ready().family.encoders, this.evalTasks(tasks, split, 'finetune'), this.accuracy);
      // Each fine-tune is its own reference: normalised accuracy 1 by definition.
      ref = { ...raw, tasks: raw.tasks.map((t) => ({ ...t, normalized: 1 })), meanNormalized: 1 };
      this.references.set(key, ref);
    }
    return ref;
  }

  async evaluate(state: MergeState, split: 'val' | 'test' = 'test', onProgress?: (p: MergeProgress) => void): Promise<MergeEvaluation> {
    const t0 = performance.now();
    this.cancelToken = { aborted: false };
    const { family } = this.ready();
    const methods = mergeMethods(state);
    const total = methods.length + 2;
    let done = 0;
    const tick = () => onProgress?.({ stage: 'evaluate', loaded: ++done, total });
    const ft = await this.finetuneReference(state.tasks, split);
    tick();
    const baseKey = `base:${split}:${state.tasks.join(',')}`;
    let base = this.references.get(baseKey);
    if (!base) {
      const encoders = Object.fromEntries(state.tasks.map((t) => [t, family.base]));
      base = await evaluatePerTask(encoders, this.evalTasks(state.tasks, split, 'base', ft), this.accuracy);
      this.references.set(baseKey, base);
    }
    tick();
    const rows: MethodScore[] = [
      { id: 'base', title: 'Base + per-task heads', formula: 'θ₀, a head trained per task', ...base },
      { id: 'finetune', title: 'Individual fine-tunes', formula: 'θᵢ for task i (8 models)', ...ft },
    ];
    const tasks = this.evalTasks(state.tasks, split, 'finetune', ft);
    for (const m of methods) {
      rows.push({ id: m.id, title: m.title, formula: m.formula, ...(await this.score(m.recipe, tasks, split)) });
      tick();
    }
    return { split, rows, ms: performance.now() - t0 };
  }

  /** Mean normalised accuracy on the validation split for each method over a lambda grid. */
  async sweep(state: MergeState, lambdas: number[], onProgress?: (p: MergeProgress) => void): Promise<SweepPoint[]> {
    this.cancelToken = { aborted: false };
    const ft = await this.finetuneReference(state.tasks, 'val');
    const tasks = this.evalTasks(state.tasks, 'val', 'finetune', ft);
    const points: SweepPoint[] = [];
    let done = 0;
    for (const lambda of lambdas) {
      const point: SweepPoint = { lambda };
      for (const m of mergeMethods(state, lambda)) {
        point[m.id] = (await this.score(m.recipe, tasks, 'val')).meanNormalized;
      }
      points.push(point);
      onProgress?.({ stage: 'sweep', loaded: ++done, total: lambdas.length });
    }
    return points;
  }

  /** Per-layer diagnostics of the decomposition the shared-part methods use. */
  async layers(state: MergeState): Promise<TensorDiagnostics[]> {
    const recipe = mergeMethods(state).find((m) => m.id === 'ta_shared')!.recipe;
    return this.engine.decompose(recipe.models, recipe.decomposition);
  }

  /** A few test images per task with each method's prediction. */
  async examples(state: MergeState, perTask = 2): Promise<MergeExample[]> {
    const { family, session } = this.ready();
    const methods = mergeMethods(state);
    const encoders = await Promise.all(methods.map((m) => this.encoder(m.recipe)));
    const out: MergeExample[] = [];
    for (const task of state.tasks) {
      const set = this.sets.get(`${task}/test`)!;
      const classes = family.manifest.tasks.find((t) => t.name === task)!.classes;
      const picks: ImageSet = { count: perTask, images: set.images.subarray(0, perTask * PIXELS), labels: set.labels.subarray(0, perTask) };
      const preds = await Promise.all(encoders.map((e) => session.predict(picks, e, family.heads[task].finetune)));
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
}

/** Map insertion order as recency: drop the oldest entry beyond `limit`. */
function remember<V>(map: Map<string, V>, key: string, value: V, limit: number) {
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value!);
}
