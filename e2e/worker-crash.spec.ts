import { expect, type Page, test } from '@playwright/test';
import { writeSafetensors } from '../lib/tensors/safetensors';
import type { WeightSet } from '../lib/tensors/weight-set';
import { mulberry32 } from '../lib/util/random';

// The engine worker can die (out of memory, a crash, closed): every page must notice, say so,
// and come back through Restart with what it had, without a reload.
test.describe('a dead engine worker', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'no-webgpu', 'worker handling does not depend on WebGPU'));

  /** Kills the worker as an out-of-memory crash would (the page's automation-only hook). */
  async function killEngine(page: Page) {
    await page.evaluate(() => (window as unknown as { __engineTestHooks: { crash(): void } }).__engineTestHooks.crash());
    await expect(page.getByTestId('engine-stopped')).toBeVisible({ timeout: 10_000 });
    await expect(page.getByTestId('engine-stopped')).toContainText('ended unexpectedly');
  }

  async function restart(page: Page) {
    await page.getByTestId('engine-stopped').getByRole('button', { name: 'Restart engine' }).click();
    await expect(page.getByTestId('engine-stopped')).toBeHidden();
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');
  }

  test('/learn: the readout stops saying "updating", and after Restart edits compute again', async ({ page }) => {
    await page.goto('/learn');
    const readout = page.getByTestId('syn-readout');
    await expect(readout).toContainText('Found 4 shared dimensions');
    await killEngine(page);
    await page.getByTestId('syn-noise').fill('0.3'); // an edit while the engine is down waits, it does not hang
    await expect(readout).not.toContainText('updating');
    await restart(page);
    const shared = page.getByTestId('syn-shared');
    await shared.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(readout).toContainText('(planted 3)');
    await expect(readout).toContainText('Found 3 shared dimensions');
    await expect(readout).not.toContainText('updating');
  });

  test('/lab: killed mid-decomposition, Restart reloads the files and finishes the run', async ({ page }) => {
    const rand = mulberry32(3);
    const model = (): WeightSet => ({
      tensors: Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`layer.${i}.weight`, { shape: [512, 512], data: Float32Array.from({ length: 512 * 512 }, () => rand() - 0.5) }])),
    });
    const file = (name: string) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(writeSafetensors(model())) });
    await page.goto('/lab');
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');
    await page.getByTestId('base-file').setInputFiles(file('base.safetensors'));
    await page.getByTestId('task-files').setInputFiles([file('a.safetensors'), file('b.safetensors')]);
    await expect(page.locator('[data-testid=source-card][data-status=loaded]')).toHaveCount(3);
    await page.getByTestId('decompose').click();
    await expect(page.getByText('decomposing tensors')).toBeVisible();
    await killEngine(page);
    await expect(page.getByText('decomposing tensors')).toBeHidden(); // no frozen progress bar
    await expect(page.getByRole('alert').filter({ hasText: 'The decomposition stopped' })).toBeVisible();
    await restart(page);
    await expect(page.getByTestId('layer-table')).toContainText('layer.5.weight', { timeout: 120_000 });
    await expect(page.getByText('is not loaded')).toHaveCount(0);
  });

  /** Opens a demo, kills its engine once a result shows, restarts, and checks a slider recomputes. */
  async function killRestartAndEdit(page: Page, demo: { path: string; ready: string; slider: string; key: string; presses: number; result: string }) {
    await page.goto(demo.path);
    await expect(page.getByTestId(demo.ready)).toBeVisible({ timeout: 170_000 });
    await killEngine(page);
    await restart(page);
    await expect(page.getByTestId(demo.ready)).toBeVisible({ timeout: 170_000 });
    const before = await page.getByTestId(demo.result).innerText();
    await page.getByTestId(demo.slider).focus();
    for (let i = 0; i < demo.presses; i++) await page.keyboard.press(demo.key);
    await expect(page.getByTestId(demo.result)).not.toHaveText(before, { timeout: 90_000 });
  }

  test('/merge: after Restart the models load again and a changed λ re-scores', async ({ page }) => {
    await killRestartAndEdit(page, { path: '/merge', ready: 'eval-time', slider: 'lambda-task_arithmetic', key: 'ArrowRight', presses: 4, result: 'norm-task_arithmetic' });
    // Nothing of the dead engine's run stays on the page beside the new results.
    await expect(page.getByText('Evaluation failed')).toBeHidden();
    await expect(page.getByText(/The engine stopped/)).toBeHidden();
    await expect(page.getByText(/loading models and test images/)).toBeHidden();
  });

  test('/style: after Restart a slider re-samples', async ({ page }) => {
    await killRestartAndEdit(page, { path: '/style', ready: 'generation-time', slider: 'beta-red', key: 'ArrowLeft', presses: 10, result: 'scores-unique_mix' });
  });

  test('/detox: after Restart the four models generate again', async ({ page }) => {
    await page.goto('/detox');
    await expect(page.locator('[data-method="unique"]').getByText(/listed word/)).toBeVisible({ timeout: 150_000 });
    await killEngine(page);
    await restart(page);
    await page.getByTestId('seed').fill('7');
    for (const id of ['base', 'toxic', 'plain', 'unique']) await expect(page.locator(`[data-method="${id}"]`).getByText(/listed word/)).toBeVisible({ timeout: 150_000 });
  });
});
