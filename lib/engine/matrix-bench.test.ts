import { beforeAll, describe, expect, it } from 'vitest';
import { activateBackend } from '../backend/tf-runtime';
import { makeTfEngine, tfEngine } from '../linalg/tf-engine';
import { benchMatrix } from './matrix-bench';

describe('benchMatrix on tfjs-wasm', () => {
  beforeAll(() => activateBackend('wasm'));

  it.each([
    { label: 'the default paths', engine: tfEngine },
    { label: 'the WebGPU paths', engine: makeTfEngine(true) },
  ])('reports an exact split, its reads and its paths ($label)', async ({ engine }) => {
    const r = await benchMatrix({ rows: 600, cols: 300, k: 3, rank: 24, shared: 4 }, engine);
    expect(r.paths).toEqual(['randomized', 'randomized', 'randomized']);
    expect(r.sharedDim).toBe(4);
    expect(r.splitError).toBeLessThan(1e-6);
    expect(r.leakage).toBeLessThan(1e-4);
    expect(r.reads).toBeGreaterThan(0);
    expect(r.readElements).toBeGreaterThan(0);
  }, 60_000);

  it('the matrix e2e/webgpu-readbacks.spec.ts runs on WebGPU stays within its bound here too', async () => {
    const r = await benchMatrix({ rows: 768, cols: 768, k: 2 }, makeTfEngine(true));
    expect(r.paths).toEqual(['randomized', 'randomized']);
    expect(r.reads).toBeLessThanOrEqual(2 * (3 * (2 + 3) + 1) + 4);
    expect(r.splitError).toBeLessThan(1e-6);
  }, 60_000);

  it('reads fewer times on the WebGPU paths, with the same ranks', async () => {
    const spec = { rows: 600, cols: 300, k: 3, rank: 24, shared: 4 };
    const plain = await benchMatrix(spec, tfEngine);
    const gpu = await benchMatrix(spec, makeTfEngine(true));
    expect(gpu.ranks).toEqual(plain.ranks);
    expect(gpu.reads).toBeLessThan(plain.reads);
  }, 60_000);
});
