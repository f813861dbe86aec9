import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { writeSafetensors } from '../lib/tensors/safetensors';
import { tinyFamily, tinyModel } from '../lib/test-support/fixtures';
import { guardConsole } from './console-guard';

const card = (page: Page, name: string) => page.getByTestId('source-card').filter({ hasText: name });
const file = (name: string, bytes: Uint8Array) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });

test('your models from disk: bad files get clear errors and lose nothing; good ones decompose and export', async ({ page }, info) => {
  test.skip(info.project.name !== 'no-webgpu', 'one run is enough');
  const guard = guardConsole(page);
  const { base, tasks } = tinyFamily(3);
  await page.goto('/lab');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');
  await page.getByTestId('base-file').setInputFiles(file('base.safetensors', writeSafetensors(base)));
  await expect(card(page, 'base.safetensors').getByTestId('header-summary')).toContainText('4 tensors');
  await expect(card(page, 'base.safetensors')).toHaveAttribute('data-status', 'loaded');

  // A malformed file is refused by name; the good ones next to it still load.
  await page.getByTestId('task-files').setInputFiles([
    file('a.safetensors', writeSafetensors(tasks[0])),
    file('broken.safetensors', new TextEncoder().encode('definitely not safetensors')),
    file('b.safetensors', writeSafetensors(tasks[1])),
  ]);
  await expect(card(page, 'broken.safetensors').getByRole('alert')).toHaveText(/^broken.safetensors: the header claims [\d.]+ [kMGTPEZY]?B, more than any real header/);
  await expect(card(page, 'a.safetensors')).toHaveAttribute('data-status', 'loaded');
  await expect(card(page, 'b.safetensors')).toHaveAttribute('data-status', 'loaded');
  await card(page, 'broken.safetensors').getByRole('button', { name: 'remove' }).click();

  // Shape mismatch: one error naming the tensor.
  const odd = tinyModel(9);
  odd.tensors['layer.1.weight'] = { shape: [12, 6], data: new Float32Array(72) };
  await page.getByTestId('task-files').setInputFiles(file('odd.safetensors', writeSafetensors(odd)));
  await expect(card(page, 'odd.safetensors')).toHaveAttribute('data-status', 'loaded');
  await page.getByTestId('decompose').click();
  await expect(page.getByRole('alert').filter({ hasText: '"layer.1.weight" has shape [12,6]' })).toBeVisible();
  await card(page, 'odd.safetensors').getByRole('button', { name: 'remove' }).click();

  // NaN weights: refused with the tensor named.
  const nan = structuredClone(tasks[2]);
  nan.tensors['layer.0.weight'].data[3] = NaN;
  await page.getByTestId('task-files').setInputFiles(file('nan.safetensors', writeSafetensors(nan)));
  await expect(card(page, 'nan.safetensors')).toHaveAttribute('data-status', 'loaded');
  await page.getByTestId('decompose').click();
  await expect(page.getByRole('alert').filter({ hasText: 'non-finite' })).toBeVisible();
  await card(page, 'nan.safetensors').getByRole('button', { name: 'remove' }).click();

  await page.getByTestId('decompose').click();
  await expect(page.getByTestId('layer-table')).toContainText('layer.0.weight');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-weights').click()]);
  expect(download.suggestedFilename()).toBe('lab-edit.safetensors');
  // The bytes are the edit the engine makes: the CLI, given the same files and the exported recipe, writes the same file.
  const [recipe] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const dir = mkdtempSync(join(tmpdir(), 'lab-export-'));
  writeFileSync(join(dir, 'base.safetensors'), writeSafetensors(base));
  writeFileSync(join(dir, 'a.safetensors'), writeSafetensors(tasks[0]));
  writeFileSync(join(dir, 'b.safetensors'), writeSafetensors(tasks[1]));
  await download.saveAs(join(dir, 'page.safetensors'));
  await recipe.saveAs(join(dir, 'recipe.json'));
  const run = spawnSync(join('node_modules', '.bin', 'tsx'), ['scripts/tvlab.ts', 'apply', '--recipe', join(dir, 'recipe.json'), '--out', join(dir, 'cli.safetensors')], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  expect(Buffer.compare(readFileSync(join(dir, 'page.safetensors')), readFileSync(join(dir, 'cli.safetensors')))).toBe(0);
  await page.screenshot({ path: info.outputPath('lab.png'), fullPage: true });
  guard.expectClean();
});

test('a link that cannot be read: the shared frame says why, Dismiss clears it, and the page works on its defaults', async ({ page }, info) => {
  test.skip(info.project.name !== 'no-webgpu', 'one run is enough');
  await page.goto('/lab?s=v1.%3Cscript%3Ealert(1)%3C%2Fscript%3E');
  const alert = page.getByRole('alert').filter({ hasText: 'This link could not be opened as it was' });
  await expect(alert).toContainText('not in a format this app wrote');
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toBeHidden();
  await expect(page.getByTestId('copy-link')).toBeVisible();
  await expect(page.getByTestId('start-tour')).toHaveCount(0);
  await expect(page.getByTestId('hub-url')).toHaveValue('https://huggingface.co');
});

test('a pasted mergekit config becomes the edit: its models wait for a go, then load and decompose', async ({ page, baseURL }, info) => {
  test.skip(info.project.name !== 'no-webgpu', 'one run is enough');
  const guard = guardConsole(page);
  await page.goto('/lab');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');
  await page.getByTestId('mergekit-panel').locator('summary').click();
  const model = (n: string) => `${baseURL}/models/merge/${n}.safetensors`;
  await page.getByTestId('mergekit-paste').fill(
    [`merge_method: ties`, `base_model: ${model('base')}`, 'models:', `  - model: ${model('task-digits')}`, '    parameters: {weight: 1, density: 0.5}', `  - model: ${model('task-greek')}`, '    parameters: {weight: 0.5, density: 0.5}', 'parameters: {normalize: true}'].join('\n'),
  );
  await expect(page.getByTestId('mergekit-summary')).toContainText(/ties/i);
  await page.getByRole('button', { name: 'Use this config' }).click();
  await expect(page.getByTestId('mergekit-used')).toBeVisible();
  await expect(page.getByTestId('link-sources')).toContainText('3 models');
  await page.getByTestId('open-link-sources').click();
  await expect(page.getByTestId('layer-table')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('edit-task')).toHaveCount(2);
  await expect(page.getByTestId('edit-task').nth(1)).toContainText('task-greek');
  await expect(page.getByRole('combobox').filter({ hasText: 'TIES' })).toHaveValue('ties');
  guard.expectClean();
});
