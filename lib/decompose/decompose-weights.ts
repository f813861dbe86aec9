import type { MatmulEngine } from '../linalg/engine';
import { type Tensor, type WeightSet, assertCompatible, assertFinite, numel } from '../tensors/weight-set';
import { type MatrixDiagnostics, decomposeMatrices } from './decompose-matrices';
import { type DecomposeOptions, decomposeOptionsSchema, type DecomposeOptionsInput } from './options';

export interface TensorDiagnostics extends MatrixDiagnostics {
  name: string;
  shape: number[];
  kind: 'matrix' | 'vector';
}

export interface TensorComponents {
  /** tau_i, shared_i and unique_i per task, each the tensor's size. */
  full: Float32Array[];
  shared: Float32Array[];
  unique: Float32Array[];
}

export interface Decomposition {
  options: DecomposeOptions;
  taskCount: number;
  names: string[];
  shapes: Record<string, number[]>;
  components: Record<string, TensorComponents>;
  diagnostics: TensorDiagnostics[];
}

export type DecomposeProgress = { stage: 'decompose'; loaded: number; total: number; tensor: string };

export interface DecomposeControl {
  onProgress?: (p: DecomposeProgress) => void;
  /** Checked between tensors: set `aborted` to stop early with a CancelledError. */
  signal?: { readonly aborted: boolean };
  /** File names of the base and the tasks, so messages name what the user loaded. */
  labels?: { base?: string; tasks?: string[] };
}

/** Tasks count from 1 in messages, as users count them, with the file name when known. */
export const taskLabel = (i: number, labels?: DecomposeControl['labels']) => `task ${i + 1}${labels?.tasks?.[i] ? ` (${labels.tasks[i]})` : ''}`;

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** 1-D tensors have no subspace: the vectors policy decides where they go. */
function splitVector(taus: Float32Array[], policy: DecomposeOptions['vectors']): Pick<TensorComponents, 'shared' | 'unique'> {
  if (policy === 'unique') return { shared: taus.map((t) => new Float32Array(t.length)), unique: taus.map((t) => t.slice()) };
  const mean = new Float32Array(taus[0].length);
  for (const t of taus) for (let i = 0; i < t.length; i++) mean[i] += t[i] / taus.length;
  return { shared: taus.map(() => mean.slice()), unique: taus.map((t) => t.map((x, i) => x - mean[i])) };
}

/** Task vectors tau_i = theta_i - theta_0, decomposed tensor by tensor (memory: one layer x k at a time beyond the outputs). */
export async function decomposeWeights(
  base: WeightSet,
  tasks: WeightSet[],
  optionsInput: DecomposeOptionsInput,
  engine: MatmulEngine,
  control: DecomposeControl = {},
): Promise<Decomposition> {
  const options = decomposeOptionsSchema.parse(optionsInput);
  if (tasks.length < 1) throw new Error('decompose: at least one task checkpoint is needed');
  for (const i of options.over ?? []) {
    if (i >= tasks.length) throw new Error(`decompose: "over" names task ${i + 1} but there are only ${tasks.length} tasks`);
  }
  const baseLabel = control.labels?.base ? `base (${control.labels.base})` : 'base';
  assertCompatible([{ label: baseLabel, weights: base }, ...tasks.map((w, i) => ({ label: taskLabel(i, control.labels), weights: w }))]);
  assertFinite(base, baseLabel);
  tasks.forEach((w, i) => assertFinite(w, taskLabel(i, control.labels)));

  const names = Object.keys(base.tensors);
  const result: Decomposition = { options, taskCount: tasks.length, names, shapes: {}, components: {}, diagnostics: [] };
  for (const [n, name] of names.entries()) {
    if (control.signal?.aborted) throw new CancelledError();
    const b: Tensor = base.tensors[name];
    const full = tasks.map((t) => {
      const out = new Float32Array(b.data.length);
      const src = t.tensors[name].data;
      for (let i = 0; i < out.length; i++) out[i] = src[i] - b.data[i];
      return out;
    });
    result.shapes[name] = [...b.shape];
    if (b.shape.length >= 2 && numel(b.shape) > 0) {
      const rows = b.shape[0];
      const cols = numel(b.shape) / rows;
      const split = await decomposeMatrices(full.map((data) => ({ rows, cols, data })), options, engine);
      result.components[name] = { full, shared: split.shared, unique: split.unique };
      result.diagnostics.push({ name, shape: [...b.shape], kind: 'matrix', ...split.diagnostics });
    } else {
      const split = splitVector(full, options.vectors);
      result.components[name] = { full, ...split };
      const energy = (a: Float32Array) => a.reduce((s, x) => s + x * x, 0);
      result.diagnostics.push({
        name,
        shape: [...b.shape],
        kind: 'vector',
        ranks: full.map(() => 0),
        eigenvalues: [],
        sharedDim: 0,
        sharedEnergy: full.map((t, i) => (energy(t) > 0 ? energy(split.shared[i]) / energy(t) : 0)),
      });
    }
    control.onProgress?.({ stage: 'decompose', loaded: n + 1, total: names.length, tensor: name });
  }
  return result;
}
