import { expect, test } from '@playwright/test';
import { guardConsole } from './console-guard';

// The page is cross-origin isolated, so the engine worker starts tfjs-wasm's threaded build with
// one thread per logical core (at most 4) and the decomposition runs on them.
test('tfjs-wasm computes with threads in the engine worker, and the badge says how many', async ({ page }, info) => {
  test.skip(info.project.name !== 'no-webgpu', 'the wasm backend is the same in both projects');
  const guard = guardConsole(page);
  await page.goto('/learn');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  test.skip(cores < 2, 'one logical core: nothing to thread');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');
  const threads = page.getByTestId('runtime-threads');
  await expect(threads).toHaveAttribute('data-tfjs-threads', String(Math.min(4, cores)));
  await expect(threads).toHaveAttribute('title', new RegExp(`tfjs \\(decomposition\\): wasm, ${Math.min(4, cores)} threads\\. `));
  // The threaded build computes: the live decomposition finishes with the planted answer.
  await expect(page.getByTestId('syn-readout')).toContainText('Found 4 shared dimensions (planted 4)');
  guard.expectClean();
});
