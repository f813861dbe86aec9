import { activateBackend } from '../backend/tf-runtime';
import { float64Engine, type MatmulEngine } from '../linalg/engine';
import { tfEngine } from '../linalg/tf-engine';

/** Every engine the decomposition runs on in Node; the suites loop over these. */
export const engineCases: { label: string; setup: () => Promise<void>; engine: MatmulEngine; tol: number }[] = [
  { label: 'float64', setup: async () => {}, engine: float64Engine, tol: 1e-9 },
  { label: 'tfjs-cpu', setup: () => activateBackend('cpu'), engine: tfEngine, tol: 1e-4 },
  { label: 'tfjs-wasm', setup: () => activateBackend('wasm'), engine: tfEngine, tol: 1e-4 },
];
