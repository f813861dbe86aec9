// Thin comlink adapter: the engine lives in lib/, this file only exposes it and marks transfers.
import * as Comlink from 'comlink';
import { LabEngine } from '../lib/engine/lab-engine';
import type { WeightSet } from '../lib/tensors/weight-set';

const engine = new LabEngine({ wasmPaths: '/vendor/tfjs-wasm/' });

const buffersOf = (ws: WeightSet) => Object.values(ws.tensors).map((t) => t.data.buffer as ArrayBuffer);

const api = {
  init: engine.init.bind(engine),
  loadCheckpoint: engine.loadCheckpoint.bind(engine),
  hasCheckpoint: engine.hasCheckpoint.bind(engine),
  decompose: engine.decompose.bind(engine),
  cancel: engine.cancel.bind(engine),
  synthetic: engine.synthetic.bind(engine),
  toy: engine.toy.bind(engine),
  liveTensors: engine.liveTensors.bind(engine),
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
