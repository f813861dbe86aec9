import { expect, test } from '@playwright/test';
import { guardConsole } from './console-guard';

// The page is cross-origin isolated, so the engine worker can start tfjs-wasm's threaded build
// (lib/backend/wasm-threaded.ts): by default with half the logical cores, as tfjs does, or with
// the count asked for in the address.
test.describe('tfjs-wasm threads in the engine worker', () => {
  test('?threads=2 starts the threaded build with two threads, which compute the decomposition', async ({ page }, info) => {
    test.skip(info.project.name !== 'no-webgpu', 'the wasm backend is the same in both projects');
    const guard = guardConsole(page);
    await page.goto('/learn?threads=2');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');
    const threads = page.getByTestId('runtime-threads');
    await expect(threads).toHaveAttribute('data-tfjs-threads', '2');
    await expect(threads).toHaveAttribute('title', /tfjs \(decomposition\): wasm, 2 threads\. /);
    await expect(page.getByTestId('syn-readout')).toContainText('Found 4 shared dimensions (planted 4)');
    guard.expectClean();
  });

  test('by default the count is half the logical cores, and one thread says why', async ({ page }, info) => {
    test.skip(info.project.name !== 'no-webgpu', 'the wasm backend is the same in both projects');
    const guard = guardConsole(page);
    await page.goto('/learn');
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const expected = Math.max(1, Math.min(4, Math.floor(cores / 2)));
    const threads = page.getByTestId('runtime-threads');
    await expect(threads).toHaveAttribute('data-tfjs-threads', String(expected));
    if (expected === 1) await expect(threads).toHaveAttribute('title', new RegExp(`wasm, 1 thread \\(tfjs-wasm takes half of the ${cores} logical cores`));
    await expect(page.getByTestId('syn-readout')).toContainText('Found 4 shared dimensions (planted 4)');
    guard.expectClean();
  });
});
