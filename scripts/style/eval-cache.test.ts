import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addCost, cachedUnit, openUnitCache } from './eval-cache';

describe('evaluation units', () => {
  it('computes at most the budget, then resumes from the stored units with typed arrays intact', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'units-')), 'u');
    let calls = 0;
    const unit = (k: number) => async () => (calls++, { k, grid: Float64Array.of(k, 0.5), images: Uint8Array.of(k, 255) });
    const first = openUnitCache(dir, 'fp', 1);
    expect((await cachedUnit(first, 'a', unit(1)))?.k).toBe(1);
    expect(await cachedUnit(first, 'b', unit(2))).toBeNull();
    const second = openUnitCache(dir, 'fp', 1);
    const a = await cachedUnit(second, 'a', unit(9)), b = await cachedUnit(second, 'b', unit(2));
    expect(calls).toBe(2);
    expect(a?.grid).toBeInstanceOf(Float64Array);
    expect(Array.from(a!.grid)).toEqual([1, 0.5]);
    expect(Array.from(b!.images)).toEqual([2, 255]);
  });

  it('drops stored units when the fingerprint changes, and sums the cost over processes', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'units-')), 'u');
    await cachedUnit(openUnitCache(dir, 'old models', 5), 'a', async () => 1);
    const fresh = openUnitCache(dir, 'new models', 5);
    expect(await cachedUnit(fresh, 'a', async () => 2)).toBe(2);
    addCost(fresh, { wallSeconds: 10, cpuSeconds: 4, denoiserRows: 100 });
    expect(addCost(fresh, { wallSeconds: 5, cpuSeconds: 1, denoiserRows: 50 })).toEqual({ wallSeconds: 15, cpuSeconds: 5, denoiserRows: 150 });
  });
});
