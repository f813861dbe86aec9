import { expect, test } from '@playwright/test';
import { defaultDetoxState, DETOX_STATE_VERSION } from '../lib/detox/detox-state';
import { encodeState } from '../lib/url-state/codec';
import { guardConsole } from './console-guard';

const methods = ['base', 'toxic', 'plain', 'unique'];

test('detox on WebGPU: every method generates (short continuations: SwiftShader is slow)', async ({ page }, info) => {
  test.skip(info.project.name !== 'webgpu', 'needs --enable-unsafe-webgpu');
  const guard = guardConsole(page);
  const s = encodeState(DETOX_STATE_VERSION, { ...defaultDetoxState, maxChars: 8 });
  await page.goto(`/detox?backend=webgpu&s=${s}`);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu');
  for (const id of methods) await expect(page.locator(`[data-method="${id}"]`).getByText(/listed word/)).toBeVisible({ timeout: 170_000 });
  for (const id of methods) expect((await page.getByTestId(`gen-${id}`).innerText()).length).toBeGreaterThan(0);
  guard.expectClean();
});

test('detox: every method generates, masked by default; the link reproduces the texts', async ({ page, browser }, info) => {
  test.skip(info.project.name !== 'no-webgpu', 'the wasm run');
  const guard = guardConsole(page);
  await page.goto('/detox');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');
  for (const id of methods) await expect(page.locator(`[data-method="${id}"]`).getByText(/listed word/)).toBeVisible({ timeout: 150_000 });
  const texts = Object.fromEntries(await Promise.all(methods.map(async (id) => [id, await page.getByTestId(`gen-${id}`).innerText()] as const)));
  for (const id of methods) expect(texts[id].length).toBeGreaterThan(0);
  // The toxic model's listed words are masked: no run of letters after a masked first letter survives.
  const toxicCard = page.locator('[data-method="toxic"]');
  if (await toxicCard.getByText('contains a listed word').isVisible()) expect(texts.toxic).toMatch(/[a-z]\*+/);
  await page.getByTestId('reveal').check();
  if (await toxicCard.getByText('contains a listed word').isVisible()) await expect(page.getByTestId('gen-toxic')).not.toContainText('*');
  await page.getByTestId('reveal').uncheck();

  // A changed seed lands in the URL; a fresh context opening it writes the same texts.
  await page.getByTestId('seed').fill('42');
  await expect(page.locator('[data-method="unique"]').getByText(/listed word/)).toBeVisible({ timeout: 150_000 });
  await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).has('v'));
  await page.waitForTimeout(400);
  const after = await page.getByTestId('generations').innerText();
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(page.url());
  await expect(fresh.locator('[data-method="unique"]').getByText(/listed word/)).toBeVisible({ timeout: 150_000 });
  expect(await fresh.getByTestId('generations').innerText()).toBe(after);
  await other.close();
  await page.screenshot({ path: info.outputPath('detox.png'), fullPage: true });
  guard.expectClean();
});
