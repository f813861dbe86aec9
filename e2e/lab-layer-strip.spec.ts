import { expect, type Page, test } from '@playwright/test';
import { guardConsole } from './console-guard';

const openLinkModels = async (page: Page) => {
  await page.getByTestId('open-link-sources').click();
  await expect(page.getByTestId('layer-table')).toBeVisible({ timeout: 120_000 });
};

test('per-layer terms on /lab: a pasted gradient shows per block, blocks filter on click, and a link keeps both', async ({ page, browser, baseURL }, info) => {
  test.skip(info.project.name !== 'no-webgpu', 'one run is enough');
  const guard = guardConsole(page);
  await page.goto('/lab');
  await page.getByTestId('mergekit-panel').locator('summary').click();
  const model = (n: string) => `${baseURL}/models/merge/${n}.safetensors`;
  await page.getByTestId('mergekit-paste').fill(
    ['merge_method: task_arithmetic', `base_model: ${model('base')}`, 'models:', `  - model: ${model('task-digits')}`, '    parameters: {weight: [0, 1]}', `  - model: ${model('task-greek')}`, '    parameters: {weight: 0.5}'].join('\n'),
  );
  await page.getByRole('button', { name: 'Use this config' }).click();
  await openLinkModels(page);

  // Two whole task vectors, the first ramping from 0 on the first block to 1 on the last.
  const terms = page.getByTestId('edit-term');
  await expect(terms).toHaveCount(2);
  const [first, second] = [terms.nth(0), terms.nth(1)];
  await expect(first.getByTestId('term-schedule')).toHaveValue('0, 1');
  const cells = first.getByTestId('layer-cell');
  const n = await cells.count();
  expect(n).toBeGreaterThan(1);
  await expect(cells.nth(0)).toHaveAttribute('title', /^layer 0: 0\.00/);
  await expect(cells.nth(n - 1)).toHaveAttribute('title', new RegExp(`^layer ${n - 1}: 1\\.00`));
  await expect(page.getByTestId('export-mergekit')).toBeVisible();

  // One value per block, then a new gradient typed in.
  await first.getByRole('button', { name: 'per block' }).click();
  await expect(first.getByTestId('term-schedule')).toHaveValue(new RegExp(`^0(, [\\d.]+){${n - 1}}$`));
  await first.getByTestId('term-schedule').fill('1, 0');
  await first.getByTestId('term-schedule').press('Enter');
  await expect(cells.nth(0)).toHaveAttribute('title', /^layer 0: 1\.00/);

  // A click takes block 0 out of the second term; mergekit has no such filter, and the page says so.
  await second.getByTestId('layer-cell').nth(0).click();
  await expect(second.getByTestId('layer-cell').nth(0)).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('mergekit-not-expressible')).toBeVisible();

  // The link carries both into a fresh browser.
  await page.waitForFunction(() => decodeURIComponent(location.hash).includes('"layers":['));
  const fresh = await browser.newContext();
  const again = await fresh.newPage();
  await again.goto(page.url());
  await openLinkModels(again);
  const back = again.getByTestId('edit-term');
  await expect(back.nth(0).getByTestId('term-schedule')).toHaveValue('1, 0');
  await expect(back.nth(1).getByTestId('layer-cell').nth(0)).toHaveAttribute('aria-pressed', 'false');
  await expect(back.nth(1).getByTestId('layer-cell').nth(1)).toHaveAttribute('aria-pressed', 'true');
  await again.screenshot({ path: info.outputPath('lab-layer-strip.png'), fullPage: true });
  await fresh.close();
  guard.expectClean();
});
