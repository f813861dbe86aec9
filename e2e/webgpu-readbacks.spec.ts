import { expect, test } from '@playwright/test';
import { guardConsole } from './console-guard';

// One decomposition on the WebGPU backend (SwiftShader here: slow, so the smallest GPT-2 block
// shape with k = 2) through /bench: its backend reads are counted per matrix and the split is exact.
test('/bench on WebGPU: one matrix reads back a handful of small matrices, and shared + unique == tau', async ({ page }, info) => {
  test.skip(info.project.name !== 'webgpu', 'needs --enable-unsafe-webgpu');
  test.setTimeout(600_000);
  const guard = guardConsole(page);
  await page.goto('/bench?backend=webgpu');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu');
  for (const name of ['attn.c_attn', 'mlp.c_fc', 'mlp.c_proj']) await page.getByLabel(new RegExp(name.replace('.', '\\.'))).uncheck();
  await page.getByTestId('bench-k').fill('2');
  await page.getByTestId('bench-run').click();
  const row = page.getByTestId('bench-row');
  await expect(row).toHaveCount(1, { timeout: 540_000 });
  await expect(page.getByTestId('bench-progress')).toHaveAttribute('value', '1');

  // Per task and block: two Gram matrices to orthonormalise the first sketch and one certificate
  // read per power step (at most 3); at this rank (about 37) the block grows 32 -> 64 -> 128 for
  // the first task and 64 -> 128 for the next; then the basis. Per matrix: one read for the shared
  // subspace's chain, two for its Rayleigh-Ritz step, one for the factors (27 in Node on the same
  // paths; on wasm's own paths this matrix takes over a hundred reads).
  const reads = Number(await row.getAttribute('data-reads'));
  expect(reads).toBeGreaterThan(0);
  expect(reads).toBeLessThanOrEqual(2 * (3 * (2 + 3) + 1) + 4);
  expect(await row.getAttribute('data-paths')).toBe('randomized,randomized');
  expect(Number(await row.getAttribute('data-split-error'))).toBeLessThan(1e-6);
  expect(Number(await row.getAttribute('data-leakage'))).toBeLessThan(1e-3);
  guard.expectClean();
});
