import type { MatmulEngine } from '../linalg/engine';
import { type Tensor, type WeightSet, WeightError, assertCompatible, assertFinite, numel } from '../tensors/weight-set';
import type { ProgressOf } from '../util/progress';
import { type MatrixDiagnostics, factorMatrices } from './decompose-matrices';
import { assertFitsBudget, BYTES_PER_FLOAT } from './memory-estimate';
import { type DecomposeOptions, decomposeOptionsSchema, type DecomposeOptionsInput } from './options';
import type { BasisHint, BasisPath } from './task-basis';
import { type ComponentForm, LazyComponents, type TensorComponents } from './tensor-components';

export type { Part, TensorComponents } from './tensor-components';

export interface TensorDiagnostics extends MatrixDiagnostics {
  name: string;
  shape: number[];
  kind: 'matrix' | 'vector';
}

export interface Decomposition {
  options: DecomposeOptions;
  taskCount: number;
  names: string[];
  shapes: Record<string, number[]>;
  /** Per tensor: factored parts, formed on demand from the checkpoints the decomposition was given. */
  components: Record<string, TensorComponents>;
  diagnostics: TensorDiagnostics[];
}

/** decomposeWeights names every tensor it reports. */
export type DecomposeProgress = ProgressOf<'decompose'> & { tensor: string };

export interface DecomposeControl {
  onProgress?: (p: DecomposeProgress) => void;
  /** Checked between tensors: set `aborted` to stop early with a CancelledError. */
  signal?: { readonly aborted: boolean };
  /** File names of the base and the tasks, so messages name what the user loaded. */
  labels?: { base?: string; tasks?: string[] };
  /** Bytes the engine may hold at once (k copies of the largest tensor): checked before starting. */
  engineBudget?: number;
  /** Task-subspace path (benchmarks and tests); default `auto`, the documented rule. */
  path?: BasisPath;
}

/** Tasks count from 1 in messages, as users count them, with the file name when known. */
export const taskLabel = (i: number, labels?: DecomposeControl['labels']) => `task ${i + 1}${labels?.tasks?.[i] ? ` (${labels.tasks[i]})` : ''}`;

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** The base and task tensors of one name at a time: from memory, or read from files as needed. */
export interface TensorSource {
  names: string[];
  shape(name: string): number[];
  /** The caller only reads the arrays. */
  read(name: string): Promise<{ base: Float32Array; tasks: Float32Array[] }>;
}

/** One tensor's result, handed over before the next tensor is read. */
export interface DecomposedTensor {
  name: string;
  shape: number[];
  diagnostics: TensorDiagnostics;
  components: TensorComponents;
}

const difference = (a: Float32Array, b: Float32Array) => differenceAndEnergy(a, b).data;

/** a - b and its sum of squares (float64) in one pass over the layer. */
function differenceAndEnergy(a: Float32Array, b: Float32Array): { data: Float32Array; energy: number } {
  const out = new Float32Array(a.length);
  let energy = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = a[i] - b[i];
    energy += out[i] * out[i]; // of the stored float32 value, as frobenius2 would sum it
  }
  return { data: out, energy };
}
const energy = (a: Float32Array) => a.reduce((s, x) => s + x * x, 0);

/** 1-D tensors have no subspace: the vectors policy decides where they go. */
function vectorForm(taus: Float32Array[], policy: DecomposeOptions['vectors']): ComponentForm {
  if (policy === 'unique') return { kind: 'vector', length: taus[0].length, mean: null };
  const mean = new Float32Array(taus[0].length);
  for (const t of taus) for (let i = 0; i < t.length; i++) mean[i] += t[i] / taus.length;
  return { kind: 'vector', length: mean.length, mean };
}

/**
 * Task vectors tau_i = theta_i - theta_0 decomposed one tensor at a time. Each tensor is read,
 * split, handed to `onTensor` and released before the next is read: beyond what the consumer
 * keeps, memory is one layer times k (on the host and on the engine). `tau(name, i)` re-forms a
 * task vector for the components; by default from the arrays read for this tensor.
 */
export async function decomposeTensors(
  source: TensorSource,
  taskCount: number,
  options: DecomposeOptions,
  engine: MatmulEngine,
  control: DecomposeControl,
  onTensor: (t: DecomposedTensor) => void | Promise<void>,
  tau?: (name: string, task: number) => Float32Array,
): Promise<void> {
  const largest = source.names.reduce((best, n) => (numel(source.shape(n)) > numel(source.shape(best)) ? n : best), source.names[0]);
  if (largest !== undefined && control.engineBudget !== undefined) {
    const bytes = numel(source.shape(largest)) * taskCount * BYTES_PER_FLOAT;
    assertFitsBudget(bytes, control.engineBudget, `Tensor "${largest}" [${source.shape(largest)}] with ${taskCount} task${taskCount > 1 ? 's' : ''}`, 'the compute device');
  }
  const rankHints = new Map<string, BasisHint>();
  for (const [n, name] of source.names.entries()) {
    if (control.signal?.aborted) throw new CancelledError();
    const shape = [...source.shape(name)];
    const read = await source.read(name);
    const differences = read.tasks.map((t) => differenceAndEnergy(t, read.base));
    const taus = differences.map((t) => t.data);
    const again = tau ? (i: number) => tau(name, i) : (i: number) => taus[i].slice();
    let result: DecomposedTensor;
    if (shape.length >= 2 && numel(shape) > 0) {
      const rows = shape[0];
      const cols = numel(shape) / rows;
      const { split, diagnostics } = await factorMatrices(taus.map((data) => ({ rows, cols, data })), options, engine, control.path, differences.map((t) => t.energy), rankHints);
      const components = new LazyComponents(taskCount, again, { kind: 'matrix', split });
      result = { name, shape, components, diagnostics: { name, shape, kind: 'matrix', ...diagnostics } };
    } else {
      const form = vectorForm(taus, options.vectors);
      const mean = form.kind === 'vector' ? form.mean : null;
      const components = new LazyComponents(taskCount, again, form);
      const diagnostics: TensorDiagnostics = {
        name,
        shape,
        kind: 'vector',
        ranks: taus.map(() => 0),
        eigenvalues: [],
        sharedDim: 0,
        sharedEnergy: taus.map((t) => (mean && energy(t) > 0 ? energy(mean) / energy(t) : 0)),
      };
      result = { name, shape, components, diagnostics };
    }
    await onTensor(result);
    control.onProgress?.({ stage: 'decompose', loaded: n + 1, total: source.names.length, tensor: name });
  }
}

/** Checkpoints in memory as a TensorSource (no copies). */
export function weightSetSource(base: WeightSet, tasks: WeightSet[]): TensorSource {
  return {
    names: Object.keys(base.tensors),
    shape: (name) => base.tensors[name].shape,
    read: async (name) => ({ base: base.tensors[name].data, tasks: tasks.map((t) => t.tensors[name].data) }),
  };
}

function checkInputs(base: WeightSet, tasks: WeightSet[], options: DecomposeOptions, control: DecomposeControl) {
  if (tasks.length < 1) throw new Error('decompose: at least one task checkpoint is needed');
  for (const i of options.over ?? []) {
    if (i >= tasks.length) throw new Error(`decompose: "over" names task ${i + 1} but there are only ${tasks.length} tasks`);
  }
  const baseLabel = control.labels?.base ? `base (${control.labels.base})` : 'base';
  assertCompatible([{ label: baseLabel, weights: base }, ...tasks.map((w, i) => ({ label: taskLabel(i, control.labels), weights: w }))]);
  assertFinite(base, baseLabel);
  tasks.forEach((w, i) => assertFinite(w, taskLabel(i, control.labels)));
  tasks.forEach((w, i) => {
    const same = Object.entries(base.tensors).every(([name, t]) => w.tensors[name].data.every((x, j) => x === t.data[j]));
    if (same) throw new WeightError(`${taskLabel(i, control.labels)} is identical to the base: its task vector is zero in every tensor`);
  });
}

/**
 * Decomposes checkpoints held in memory. The result keeps per tensor only the shared basis and
 * the factors Z^T tau_i; a component is formed from the checkpoints when a recipe or an export
 * asks for it, so the checkpoints must stay as they are while the result is in use.
 */
export async function decomposeWeights(
  base: WeightSet,
  tasks: WeightSet[],
  optionsInput: DecomposeOptionsInput,
  engine: MatmulEngine,
  control: DecomposeControl = {},
): Promise<Decomposition> {
  const options = decomposeOptionsSchema.parse(optionsInput);
  checkInputs(base, tasks, options, control);
  const names = Object.keys(base.tensors);
  const result: Decomposition = { options, taskCount: tasks.length, names, shapes: {}, components: {}, diagnostics: [] };
  const tau = (name: string, i: number) => difference(tasks[i].tensors[name].data, (base.tensors[name] as Tensor).data);
  await decomposeTensors(weightSetSource(base, tasks), tasks.length, options, engine, control, (t) => {
    result.shapes[t.name] = t.shape;
    result.components[t.name] = t.components;
    result.diagnostics.push(t.diagnostics);
  }, tau);
  return result;
}
