import { activateBackend } from '../backend/tf-runtime';
import { float64Engine, type MatmulEngine } from '../linalg/engine';
import { makeTfEngine, tfEngine } from '../linalg/tf-engine';

/**
 * Every engine the decomposition runs on in Node; the suites loop over these. The last takes the
 * paths WebGPU takes (`fewReads`: fewer reads for a few more thin products) on tfjs-wasm, so the
 * whole suite checks they give the same results.
 */
export const engineCases: { label: string; setup: () => Promise<void>; engine: MatmulEngine; tol: number }[] = [
  { label: 'float64', setup: async () => {}, engine: float64Engine, tol: 1e-9 },
  { label: 'tfjs-cpu', setup: () => activateBackend('cpu'), engine: tfEngine, tol: 1e-4 },
  { label: 'tfjs-wasm', setup: () => activateBackend('wasm'), engine: tfEngine, tol: 1e-4 },
  { label: 'tfjs-wasm with the WebGPU paths', setup: () => activateBackend('wasm'), engine: makeTfEngine(true), tol: 1e-4 },
];
