import { liveTensorCount } from '../backend/tf-runtime';
import type { BackendRequest } from '../backend/resolve-backend';
import { type RuntimeStatus, startRuntime } from '../runtime/start-runtime';
import { type DecomposeOptionsInput, decomposeOptionsSchema } from '../decompose/options';
import { type Decomposition, type DecomposeProgress, type TensorDiagnostics, decomposeWeights } from '../decompose/decompose-weights';
import { decomposeMatrices, type MatrixDiagnostics } from '../decompose/decompose-matrices';
import { taskBasis } from '../decompose/task-basis';
import { assertFitsBudget, DEFAULT_RESULT_BUDGET, estimateDecompositionBytes } from '../decompose/memory-estimate';
import { principalAnglesDeg } from '../linalg/angles';
import { tfEngine, tfEngineBudget } from '../linalg/tf-engine';
import type { Mat } from '../linalg/mat';
import { directionRecipe, recipeDirection, scaleDirection } from '../recipe/apply';
import { remember } from '../util/remember';
import { parseRecipe } from '../recipe/schema';
import { plantedTasks, type PlantedSpec } from '../synthetic/planted';
import { readSafetensors } from '../tensors/safetensors';
import { editedSafetensors } from '../recipe/export';
import type { WeightSet } from '../tensors/weight-set';
import { type LayerInsight, layerInsight } from '../insight/layer-insight';
import { benchMatrix, type MatrixBenchResult, type MatrixBenchSpec } from './matrix-bench';

export type BackendStatus = RuntimeStatus;

export interface CheckpointInfo {
  id: string;
  tensors: number;
  parameters: number;
}

export interface SyntheticResult {
  diagnostics: MatrixDiagnostics;
  /** Principal angles (degrees) between the recovered and the planted shared subspace. */
  anglesToTruthDeg: number[];
  ms: number;
}

export interface ToyResult {
  /** Per task, the orthonormal basis vectors (3-D) of its subspace. */
  taskBases: number[][][];
  /** Basis vectors (3-D) of the shared subspace. */
  shared: number[][];
  eigenvalues: number[];
}

/** Bytes of cached recipe directions: 40 of a 100k-parameter encoder, enough for every method a page compares plus recent edits. */
const DIRECTION_BUDGET = 16 * 2 ** 20;

const columns = (m: Mat): number[][] => Array.from({ length: m.cols }, (_, j) => Array.from({ length: m.rows }, (_, i) => m.data[i * m.cols + j]));
const macrotask = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * The stateful engine a worker exposes: checkpoints loaded once, the last decomposition cached
 * so recipes re-apply instantly. Every method is plain data in, plain data out.
 */
export class LabEngine {
  private checkpoints = new Map<string, WeightSet>();
  /** A few recent decompositions: pages compare methods whose options differ (e.g. a control). */
  private decompositions = new Map<string, Decomposition>();
  /**
   * Recent recipes' directions (their delta at lambda = 1): a lambda edit only rescales one. Kept
   * while they fit DIRECTION_BUDGET bytes, so large models (a GPT-2 on /lab) are not held twice.
   */
  private directions = new Map<string, WeightSet>();
  private cancelToken = { aborted: false };
  private status: BackendStatus | null = null;

  constructor(private readonly config: { wasmPaths?: string; resultBudget?: number } = {}) {}

  /** `threads`: tfjs-wasm threads wanted (the default rule when absent). */
  async init(request: BackendRequest, options: { threads?: number } = {}): Promise<BackendStatus> {
    return (this.status = await startRuntime(request, { ...this.config, ...options }));
  }

  backend(): BackendStatus | null {
    return this.status;
  }

  loadCheckpoint(id: string, bytes: ArrayBuffer | Uint8Array): CheckpointInfo {
    const ws = readSafetensors(bytes);
    return this.addWeights(id, ws);
  }

  /** Registers weights already in memory (e.g. fetched and split by a demo). */
  addWeights(id: string, ws: WeightSet): CheckpointInfo {
    this.checkpoints.set(id, ws);
    this.decompositions.clear();
    this.directions.clear();
    const tensors = Object.values(ws.tensors);
    return { id, tensors: tensors.length, parameters: tensors.reduce((s, t) => s + t.data.length, 0) };
  }

  hasCheckpoint(id: string): boolean {
    return this.checkpoints.has(id);
  }

  private checkpoint(id: string): WeightSet {
    const ws = this.checkpoints.get(id);
    if (!ws) throw new Error(`checkpoint "${id}" is not loaded`);
    return ws;
  }

  cancel(): void {
    this.cancelToken.aborted = true;
  }

  /** Decomposes (or reuses the cached result) and returns the per-tensor diagnostics. */
  async decompose(
    models: { base: string; tasks: string[] },
    options: DecomposeOptionsInput,
    onProgress?: (p: DecomposeProgress) => void | Promise<void>,
  ): Promise<TensorDiagnostics[]> {
    const parsed = decomposeOptionsSchema.parse(options);
    return (await this.decomposition(models, options, onProgress)).diagnostics;
  }

  private async decomposition(
    models: { base: string; tasks: string[] },
    options: DecomposeOptionsInput,
    onProgress?: (p: DecomposeProgress) => void | Promise<void>,
  ): Promise<Decomposition> {
    const parsed = decomposeOptionsSchema.parse(options);
    const key = JSON.stringify({ base: models.base, tasks: models.tasks, parsed });
    const cached = this.decompositions.get(key);
    if (cached) return cached;
    const base = this.checkpoint(models.base);
    const shapes = Object.values(base.tensors).map((t) => t.shape);
    assertFitsBudget(estimateDecompositionBytes(shapes, models.tasks.length), this.config.resultBudget ?? DEFAULT_RESULT_BUDGET, 'This decomposition');
    this.cancelToken = { aborted: false };
    const value = await decomposeWeights(base, models.tasks.map((t) => this.checkpoint(t)), parsed, tfEngine, {
      signal: this.cancelToken,
      labels: { base: models.base, tasks: models.tasks },
      engineBudget: tfEngineBudget(),
      onProgress: async (p) => {
        await onProgress?.(p);
        await macrotask(); // lets a cancel() message in between tensors
      },
    });
    this.decompositions.set(key, value);
    if (this.decompositions.size > 4) this.decompositions.delete(this.decompositions.keys().next().value!);
    return value;
  }

  /** Applies a recipe to the cached decomposition (decomposing first when needed). */
  async apply(recipeInput: unknown, onProgress?: (p: DecomposeProgress) => void | Promise<void>): Promise<WeightSet> {
    const recipe = parseRecipe(recipeInput);
    const dec = await this.decomposition(recipe.models, recipe.decomposition, onProgress);
    const base = this.checkpoint(recipe.models.base);
    const key = JSON.stringify(directionRecipe(recipe));
    let direction = this.directions.get(key);
    if (!direction) {
      direction = recipeDirection(recipe, base, dec);
      const bytes = (ws: WeightSet) => Object.values(ws.tensors).reduce((s, t) => s + t.data.byteLength, 0);
      const fit = Math.floor(DIRECTION_BUDGET / Math.max(1, bytes(direction)));
      if (fit > 0) remember(this.directions, key, direction, fit);
    }
    return scaleDirection(recipe, base, direction);
  }

  /** The edited weights as a safetensors file, recipe and model ids in __metadata__. */
  async exportSafetensors(recipeInput: unknown, dtype: 'F32' | 'F16' = 'F32'): Promise<Uint8Array> {
    const recipe = parseRecipe(recipeInput);
    return editedSafetensors(await this.apply(recipe), recipe, dtype);
  }

  /** Planted synthetic task matrices, decomposed: the /learn spectrum and energy bars. */
  async synthetic(spec: PlantedSpec, options: DecomposeOptionsInput): Promise<SyntheticResult> {
    const t0 = performance.now();
    const { tasks, shared } = plantedTasks(spec);
    const split = await decomposeMatrices(tasks, decomposeOptionsSchema.parse(options), tfEngine);
    return { diagnostics: split.diagnostics, anglesToTruthDeg: principalAnglesDeg(split.basis, shared), ms: performance.now() - t0 };
  }

  /** One synthetic matrix decomposed on the active backend, timed, its backend reads counted (/bench). */
  benchMatrix(spec: MatrixBenchSpec): Promise<MatrixBenchResult> {
    return benchMatrix(spec, tfEngine);
  }

  /** A 3-D toy: task vectors as 3 x n matrices; returns their subspaces and the shared one. */
  async toy(tasks: number[][][], options: DecomposeOptionsInput): Promise<ToyResult> {
    const parsed = decomposeOptionsSchema.parse(options);
    const mats: Mat[] = tasks.map((rows) => ({ rows: 3, cols: rows[0].length, data: Float32Array.from(rows.flat()) }));
    const split = await decomposeMatrices(mats, parsed, tfEngine);
    const taskBases = [];
    for (const m of mats) taskBases.push(columns((await taskBasis(m, parsed.energy, parsed.maxRank, tfEngine)).U));
    return { taskBases, shared: columns(split.basis), eigenvalues: split.diagnostics.eigenvalues };
  }

  /** /lab's per-layer insight for one matrix: ranks, shared dimension against chance, spectra, task similarity. */
  async layerInsight(models: { base: string; tasks: string[] }, options: DecomposeOptionsInput, name: string): Promise<LayerInsight> {
    const base = this.checkpoint(models.base).tensors[name];
    if (!base || base.shape.length < 2) throw new Error(`${name} is not a weight matrix of the base model`);
    const rows = base.shape[0];
    const taus = models.tasks.map((id) => {
      const t = this.checkpoint(id).tensors[name];
      if (!t || t.data.length !== base.data.length) throw new Error(`${id} has no ${name} of the base's shape`);
      return { rows, cols: base.data.length / rows, data: t.data.map((x, i) => x - base.data[i]) };
    });
    return layerInsight(name, taus, decomposeOptionsSchema.parse(options), tfEngine);
  }

  liveTensors(): number {
    return liveTensorCount();
  }
}
