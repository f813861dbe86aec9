// Thin comlink adapter: the engine lives in lib/, this file only exposes it and marks transfers.
import * as Comlink from 'comlink';
import { DetoxLab, type DetoxProgress } from '../lib/detox/detox-lab';
import type { DetoxMethodId } from '../lib/detox/detox-recipes';
import type { DetoxState } from '../lib/detox/detox-state';
import { LabEngine } from '../lib/engine/lab-engine';
import { MergeLab, type MergeProgress } from '../lib/merge/merge-lab';
import type { MergeState } from '../lib/merge/merge-state';
import type { OrtModule } from '../lib/onnx/session';
import { StyleLab, type StyleProgress } from '../lib/style/style-lab';
import type { StyleState } from '../lib/style/style-state';
import type { WeightSet } from '../lib/tensors/weight-set';

const engine = new LabEngine({ wasmPaths: '/vendor/tfjs-wasm/' });

/** onnxruntime-web loads on first use; it runs on WebGPU when the engine does, else on wasm. */
async function loadOrt() {
  const ort = await import('onnxruntime-web');
  ort.env.wasm.numThreads = 1; // one thread: the same bits on every run, so links reproduce numbers exactly
  const webgpu = engine.backend()?.backend === 'webgpu';
  return { ort: ort as unknown as OrtModule, options: { executionProviders: webgpu ? ['webgpu', 'wasm'] : ['wasm'] } };
}

let mergeLab: MergeLab | null = null;
const merge = () => (mergeLab ??= new MergeLab(engine, loadOrt));
let styleLab: StyleLab | null = null;
const style = () => (styleLab ??= new StyleLab(engine, loadOrt));

let detoxLab: DetoxLab | null = null;
const detox = () => (detoxLab ??= new DetoxLab(engine, loadOrt));

const buffersOf = (ws: WeightSet) => Object.values(ws.tensors).map((t) => t.data.buffer as ArrayBuffer);

/** Holds a Web Lock for the worker's whole life: the page learns of its death when it is released. */
function holdLifeLock(name: string): Promise<void> {
  return new Promise((acquired) => {
    void navigator.locks.request(name, () => {
      acquired();
      return new Promise<never>(() => {});
    });
  });
}

const api = {
  holdLifeLock,
  init: engine.init.bind(engine),
  loadCheckpoint: engine.loadCheckpoint.bind(engine),
  hasCheckpoint: engine.hasCheckpoint.bind(engine),
  decompose: engine.decompose.bind(engine),
  cancel: engine.cancel.bind(engine),
  synthetic: engine.synthetic.bind(engine),
  toy: engine.toy.bind(engine),
  liveTensors: engine.liveTensors.bind(engine),
  mergeLoad: (onProgress?: (p: MergeProgress) => void) => merge().load(onProgress),
  mergeEvaluate: (state: MergeState, split: 'val' | 'test', onProgress?: (p: MergeProgress) => void) => merge().evaluate(state, split, onProgress),
  mergeSweep: (state: MergeState, lambdas: number[], onProgress?: (p: MergeProgress) => void) => merge().sweep(state, lambdas, onProgress),
  mergeLayers: (state: MergeState) => merge().layers(state),
  mergeExamples: (state: MergeState) => merge().examples(state),
  mergeCancel: () => merge().cancel(),
  styleLoad: (onProgress?: (p: StyleProgress) => void) => style().load(onProgress),
  // Images stay cached in the lab, so they are copied rather than transferred.
  styleGenerate: (state: StyleState, onProgress?: (p: StyleProgress) => void) => style().generate(state, onProgress),
  styleCancel: () => style().cancel(),
  detoxLoad: (onProgress?: (p: DetoxProgress) => void) => detox().load(onProgress),
  detoxGenerate: (state: DetoxState, onText?: (id: DetoxMethodId, masked: string) => void) => detox().generate(state, onText),
  detoxToxicity: (state: DetoxState, onProgress?: (p: DetoxProgress) => void) => detox().toxicity(state, onProgress),
  detoxLayers: (state: DetoxState) => detox().layers(state),
  detoxCancel: () => detox().cancel(),
  async apply(recipe: unknown) {
    const ws = await engine.apply(recipe);
    return Comlink.transfer(ws, buffersOf(ws));
  },
  async exportSafetensors(recipe: unknown, dtype: 'F32' | 'F16' = 'F32') {
    const bytes = await engine.exportSafetensors(recipe, dtype);
    return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },
};

export type EngineApi = typeof api;
Comlink.expose(api);
