// Thin comlink adapter: the engine lives in lib/, this file only exposes it and marks transfers.
import * as Comlink from 'comlink';
import type { DemoEvent } from '../lib/demo/contract';
import { DemoLab } from '../lib/demo/demo-lab';
import { demos } from '../lib/demos/registry';
import { LabEngine } from '../lib/engine/lab-engine';
import { LabSession, type OnProgress, type SourceSpec } from '../lib/lab/lab-session';
import { cacheStorageCache, type CacheStorageLike } from '../lib/sources/byte-cache';
import { openOrtRuntime, type OrtRuntime } from '../lib/runtime/ort-runtime';
import type { WeightSet } from '../lib/tensors/weight-set';
import { importOrt } from './ort-builds';

const engine = new LabEngine({ wasmPaths: '/vendor/tfjs-wasm/' });

/** onnxruntime loads on first use, once, in the build the started backend calls for (lib/runtime/resolve-ort.ts). */
let ortRuntime: Promise<OrtRuntime> | null = null;
function loadOrt(): Promise<OrtRuntime> {
  const status = engine.backend();
  if (!status) return Promise.reject(new Error('the engine is not started'));
  return (ortRuntime ??= openOrtRuntime(status.ort, importOrt).catch((e) => {
    ortRuntime = null;
    throw e;
  }));
}

const lab = new DemoLab({ engine, ort: loadOrt }, demos);

/** /lab's models and analyses; downloaded tensors go through the tab's Cache Storage (workers have it too). */
const caches = (globalThis as { caches?: CacheStorageLike }).caches;
const session = new LabSession(engine, { cache: caches ? cacheStorageCache(caches) : null });

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
  addWeights: engine.addWeights.bind(engine),
  layerInsight: engine.layerInsight.bind(engine),
  decompose: engine.decompose.bind(engine),
  cancel: engine.cancel.bind(engine),
  synthetic: engine.synthetic.bind(engine),
  toy: engine.toy.bind(engine),
  benchMatrix: engine.benchMatrix.bind(engine),
  liveTensors: engine.liveTensors.bind(engine),
  // Every demo through one lab; results stay cached there, so they are copied rather than transferred.
  demoLoad: (id: string, onEvent?: (e: DemoEvent) => void) => lab.load(id, onEvent),
  demoEvaluate: (id: string, state: unknown, onEvent?: (e: DemoEvent) => void) => lab.evaluate(id, state, onEvent),
  demoAction: (id: string, action: string, state: unknown, onEvent?: (e: DemoEvent) => void) => lab.action(id, action, state, onEvent),
  demoCancel: (id: string) => lab.cancel(id),
  labAddSource: (spec: SourceSpec) => session.addSource(spec),
  labRead: (key: string, onProgress?: OnProgress) => session.read(key, onProgress),
  labCancel: (key: string) => session.cancel(key),
  labRemove: (key: string) => session.remove(key),
  labDecompose: (...args: Parameters<LabSession['decompose']>) => session.decompose(...args),
  labCancelDecompose: () => session.cancelDecompose(),
  labInsight: (layer: string) => session.insight(layer),
  async labExportLora(recipe: unknown, stem: string) {
    const file = await session.exportLora(recipe, stem);
    return Comlink.transfer(file, [file.bytes.buffer as ArrayBuffer]);
  },
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
