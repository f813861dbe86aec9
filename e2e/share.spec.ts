import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

test.describe('links, lessons and export', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'no-webgpu', 'one run is enough: these do not depend on WebGPU'));

  test('a configured /learn link reopens the same state and numbers in a fresh context', async ({ page, browser }) => {
    await page.goto('/learn');
    const readout = page.getByTestId('syn-readout');
    await expect(readout).toContainText('Found');
    await page.getByTestId('syn-noise').fill('0.4');
    await page.getByTestId('syn-d').fill('192');
    await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).has('v'));
    await page.waitForTimeout(400);
    await expect(readout).not.toContainText('updating');
    const numbers = (await readout.innerText()).replace(/; [\d.]+ ms in the worker.*/, '');
    const other = await browser.newContext();
    const fresh = await other.newPage();
    await fresh.goto(page.url());
    await expect(fresh.getByTestId('syn-readout')).toContainText(numbers);
    await expect(fresh.getByTestId('syn-noise')).toHaveValue('0.4');
    await other.close();
  });

  test('a /merge link copied right after an edit, while it recomputes, reopens that edit and its table', async ({ page, browser, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/merge');
    await expect(page.getByTestId('eval-time')).toBeVisible({ timeout: 170_000 });
    const slider = page.getByTestId('lambda-task_arithmetic');
    await slider.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    const value = await slider.inputValue();
    await page.getByTestId('copy-link').click(); // no wait: the table is still being recomputed
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(new URLSearchParams(new URL(link).hash.slice(1)).get('lambda.task_arithmetic')).toBe(value);
    const other = await browser.newContext();
    const fresh = await other.newPage();
    await fresh.goto(link);
    await expect(fresh.getByTestId('eval-time')).toBeVisible({ timeout: 170_000 });
    await expect(fresh.getByTestId('lambda-task_arithmetic')).toHaveValue(value);
    // By now the first page has long finished its recompute: both show the same table.
    await expect(page.getByTestId('eval-time')).toBeVisible();
    await expect(fresh.getByTestId('norm-task_arithmetic')).toHaveText(await page.getByTestId('norm-task_arithmetic').innerText());
    await other.close();
  });

  test('the guided tour can be completed with the keyboard alone', async ({ page }) => {
    await page.goto('/learn');
    await expect(page.getByTestId('syn-readout')).toContainText('Found');
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'start-tour')) break;
    }
    await page.keyboard.press('Enter');
    const tour = page.getByTestId('tour');
    await expect(tour).toBeVisible();
    for (let step = 0; step < 10 && (await tour.isVisible()); step++) {
      await expect(tour).toContainText('Step');
      await page.keyboard.press('Enter'); // focus sits on Next / Done
    }
    await expect(tour).toBeHidden();
  });

  test('simple view hides advanced controls', async ({ page }) => {
    await page.goto('/learn?view=simple');
    await expect(page.getByTestId('syn-readout')).toContainText('Found');
    await expect(page.getByText('Private dimensions per task')).toBeHidden();
    await expect(page.getByTestId('syn-shared')).toBeVisible();
  });

  test('exported weights equal what `tvlab apply` makes from the exported recipe', async ({ page }) => {
    await page.goto('/merge');
    await expect(page.getByTestId('eval-time')).toBeVisible({ timeout: 120_000 });
    await page.locator('#export-method').selectOption('ta_shared');
    const [weights] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-weights').click()]);
    const [recipe] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    const dir = mkdtempSync(join(tmpdir(), 'export-'));
    await weights.saveAs(join(dir, 'page.safetensors'));
    await recipe.saveAs(join(dir, 'recipe.json'));
    const run = spawnSync(join('node_modules', '.bin', 'tsx'), ['scripts/tvlab.ts', 'apply', '--recipe', join(dir, 'recipe.json'), '--out', join(dir, 'cli.safetensors')], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(Buffer.compare(readFileSync(join(dir, 'page.safetensors')), readFileSync(join(dir, 'cli.safetensors')))).toBe(0);
  });
});
