import { beforeAll, describe, expect, it } from 'vitest';
import { activateBackend } from '../backend/tf-runtime';
import { countReadbacks } from '../backend/readback-counter';
import { principalAnglesDeg } from '../linalg/angles';
import { makeTfEngine, tfEngine } from '../linalg/tf-engine';
import type { Mat } from '../linalg/mat';
import { plantedTasks } from '../synthetic/planted';
import { decomposeMatrices, factorMatrices } from './decompose-matrices';
import { defaultDecomposeOptions } from './options';

/** The engine WebGPU gets (`fewReads`), here on tfjs-wasm, whose backend reads are counted the same way. */
const gpuPaths = makeTfEngine(true);

const planted = (d: number, n: number, k: number, seed = 3) =>
  plantedTasks({ d, n, k, sharedDim: 4, privateDim: 20, noise: 0.05, seed }).tasks;

async function countedFactors(tasks: Mat[]) {
  const counter = countReadbacks();
  try {
    const result = await factorMatrices(tasks, defaultDecomposeOptions, gpuPaths);
    return { result, reads: counter.count };
  } finally {
    counter.stop();
  }
}

describe('backend reads per matrix on the WebGPU paths (tfjs-wasm)', () => {
  beforeAll(() => activateBackend('wasm'));

  it('counts every read of the backend, including a read inside another', async () => {
    const counter = countReadbacks();
    const a = tfEngine.upload({ rows: 2, cols: 2, data: new Float32Array([1, 2, 3, 4]) });
    await tfEngine.read(a);
    await tfEngine.readAll([a, a, a]);
    tfEngine.free(a);
    counter.stop();
    expect(counter.count).toBe(2);
    expect(counter.elements).toBe(4 + 12);
  });

  it('a randomized decomposition reads a constant number of small matrices, whatever the layer size', async () => {
    // k = 3: per task two Gram matrices to orthonormalise the first sketch, one certificate read
    // and the basis; then the shared subspace (three reads) and the factors (one).
    const small = await countedFactors(planted(512, 384, 3));
    const large = await countedFactors(planted(1024, 768, 3));
    for (const { result } of [small, large]) {
      expect(result.diagnostics.basisPaths).toEqual(['randomized', 'randomized', 'randomized']);
      expect(result.diagnostics.sharedDim).toBe(4);
    }
    expect(small.reads).toBe(3 * 4 + 4);
    expect(large.reads).toBe(small.reads);
  }, 60_000);

  it('grows by four reads per task (and nothing per product) when k grows', async () => {
    const k2 = await countedFactors(planted(512, 384, 2));
    const k4 = await countedFactors(planted(512, 384, 4));
    expect(k4.reads - k2.reads).toBe(2 * 4);
  }, 60_000);

  it('gives the split the default engine gives, and shared + unique == tau', async () => {
    const tasks = planted(512, 384, 3, 5);
    const gpu = await decomposeMatrices(tasks, defaultDecomposeOptions, gpuPaths);
    const cpu = await decomposeMatrices(tasks, defaultDecomposeOptions, tfEngine);
    expect(gpu.diagnostics.ranks).toEqual(cpu.diagnostics.ranks);
    expect(gpu.basis.cols).toBe(cpu.basis.cols);
    for (const angle of principalAnglesDeg(gpu.basis, cpu.basis)) expect(angle).toBeLessThan(0.05);
    tasks.forEach((W, i) => {
      let err = 0;
      let norm = 0;
      for (let j = 0; j < W.data.length; j++) {
        err = Math.max(err, Math.abs(gpu.shared[i][j] + gpu.unique[i][j] - W.data[j]));
        norm = Math.max(norm, Math.abs(W.data[j]));
      }
      expect(err).toBeLessThan(1e-5 * norm);
    });
  }, 60_000);
});
