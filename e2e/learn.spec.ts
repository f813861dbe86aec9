import { expect, test } from '@playwright/test';
import { guardConsole } from './console-guard';

test('the learn page computes live in the worker, on the backend the browser offers', async ({ page }, info) => {
  const guard = guardConsole(page);
  await page.goto('/learn');
  const badge = page.getByTestId('backend-badge');
  // With --enable-unsafe-webgpu the adapter is SwiftShader, a software fallback: auto prefers wasm.
  await expect(badge).toHaveAttribute('data-backend', 'wasm');
  const reason = await badge.getAttribute('title');
  expect(reason).toMatch(info.project.name === 'webgpu' ? /software fallback/ : /no WebGPU adapter/);

  const readout = page.getByTestId('syn-readout');
  await expect(readout).toContainText('Found 4 shared dimensions (planted 4)');
  await expect(page.getByTestId('toy-readout')).toContainText('shared direction');

  // Moving a slider recomputes: plant 2 shared dimensions.
  const shared = page.getByTestId('syn-shared');
  await shared.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(readout).toContainText('(planted 2)');
  await expect(readout).toContainText('Found 2 shared dimensions');

  // The toy: pushing the three planes apart empties the shared part.
  await page.getByTestId('toy-spread').fill('60');
  await expect(page.getByTestId('toy-readout')).toContainText('nothing is shared');

  await page.screenshot({ path: info.outputPath('learn.png'), fullPage: true });
  await info.attach('learn', { path: info.outputPath('learn.png'), contentType: 'image/png' });
  guard.expectClean();
});

test('forcing WebGPU runs the decomposition on WebGPU when an adapter exists', async ({ page }, info) => {
  test.skip(info.project.name !== 'webgpu', 'needs --enable-unsafe-webgpu');
  const guard = guardConsole(page);
  await page.goto('/learn?backend=webgpu');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu');
  await expect(page.getByTestId('syn-readout')).toContainText('Found 4 shared dimensions (planted 4)', { timeout: 120_000 });
  await page.screenshot({ path: info.outputPath('learn-webgpu.png'), fullPage: true });
  guard.expectClean();
});

test('forcing WebGPU without an adapter falls back to wasm and says so', async ({ page }, info) => {
  test.skip(info.project.name !== 'no-webgpu', 'needs a browser without WebGPU');
  await page.goto('/learn?backend=webgpu');
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveAttribute('data-backend', 'wasm');
  await expect(badge).toHaveAttribute('title', /webgpu requested but no adapter; using wasm/);
});
