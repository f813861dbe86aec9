/**
 * The merge evaluation harness: per-task accuracy of an encoder with each task's own head, and
 * normalised accuracy = accuracy / the individual fine-tune's accuracy on the same split.
 * Pure TypeScript (Node and browser workers). It never sees how an encoder was produced:
 * callers pass weights, or a function from a hyper-parameter to weights for tuning.
 */
import type { ImageSet } from './dataset/dataset';
import type { WeightSet } from '../../tensors/weight-set';

/** Accuracy of encoder + head on a set (e.g. VitSession.accuracy bound to a session, or a tfjs forward). */
export type AccuracyFn = (encoder: WeightSet, head: WeightSet, set: ImageSet) => Promise<number>;

export interface EvalTask {
  name: string;
  head: WeightSet;
  data: ImageSet;
  /** The individual fine-tune's accuracy on this split: the denominator of normalised accuracy. */
  reference: number;
}

export interface TaskScore {
  name: string;
  accuracy: number;
  normalized: number;
}

export interface EvalResult {
  tasks: TaskScore[];
  meanAccuracy: number;
  meanNormalized: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

function summarise(tasks: TaskScore[]): EvalResult {
  return { tasks, meanAccuracy: mean(tasks.map((t) => t.accuracy)), meanNormalized: mean(tasks.map((t) => t.normalized)) };
}

const score = (name: string, accuracy: number, reference: number): TaskScore => ({
  name, accuracy, normalized: reference > 0 ? accuracy / reference : 0,
});

/** One shared encoder (a merge, or the base) evaluated on every task with that task's head. */
export async function evaluateEncoder(encoder: WeightSet, tasks: EvalTask[], accuracy: AccuracyFn): Promise<EvalResult> {
  const out: TaskScore[] = [];
  for (const t of tasks) out.push(score(t.name, await accuracy(encoder, t.head, t.data), t.reference));
  return summarise(out);
}

/** A different encoder per task (the individual fine-tunes, or base + per-task heads). */
export async function evaluatePerTask(encoders: Record<string, WeightSet>, tasks: EvalTask[], accuracy: AccuracyFn): Promise<EvalResult> {
  const out: TaskScore[] = [];
  for (const t of tasks) {
    const enc = encoders[t.name];
    if (!enc) throw new Error(`no encoder for task "${t.name}"`);
    out.push(score(t.name, await accuracy(enc, t.head, t.data), t.reference));
  }
  return summarise(out);
}

export interface TuneResult<P> {
  best: P;
  bestResult: EvalResult;
  grid: { param: P; meanAccuracy: number; meanNormalized: number }[];
}

export type TuneObjective = 'meanNormalized' | 'meanAccuracy';

/**
 * Grid search of a hyper-parameter on the tasks given (pass the VALIDATION split: never tune on test).
 * Ties keep the first grid entry, so list the simplest setting first.
 */
export async function tune<P>(
  grid: P[],
  edit: (param: P) => WeightSet | Promise<WeightSet>,
  tasks: EvalTask[],
  accuracy: AccuracyFn,
  objective: TuneObjective = 'meanNormalized',
): Promise<TuneResult<P>> {
  if (grid.length === 0) throw new Error('tune: empty grid');
  let best: { param: P; result: EvalResult } | null = null;
  const rows: TuneResult<P>['grid'] = [];
  for (const param of grid) {
    const result = await evaluateEncoder(await edit(param), tasks, accuracy);
    rows.push({ param, meanAccuracy: result.meanAccuracy, meanNormalized: result.meanNormalized });
    if (!best || result[objective] > best.result[objective]) best = { param, result };
  }
  return { best: best!.param, bestResult: best!.result, grid: rows };
}
