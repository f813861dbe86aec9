import { expect, test } from '@playwright/test';
import { guardConsole } from './console-guard';

const tableText = (page: import('@playwright/test').Page) => page.getByTestId('accuracy-table').innerText();

test('merge: shipped models load, every method is scored, λ changes the table, the link reproduces it', async ({ page, browser }, info) => {
  test.skip(info.project.name !== 'no-webgpu', 'one run is enough: auto picks wasm in both projects');
  const guard = guardConsole(page);
  await page.goto('/merge');
  const table = page.getByTestId('accuracy-table');
  // The first estimate (a few images per task) shows first; the full table comes with its evaluation time.
  await expect(page.getByTestId('eval-time')).toBeVisible({ timeout: 120_000 });
  for (const id of ['base', 'finetune', 'task_arithmetic', 'ties', 'ta_shared', 'unique_shared']) {
    await expect(table.locator(`tr[data-method="${id}"]`)).toBeVisible();
  }
  // Normalised accuracy is each task's accuracy over its fine-tune's, averaged: recompute it from the table's own cells.
  const cells = async (id: string) => (await table.locator(`tr[data-method="${id}"] td`).allInnerTexts()).slice(1).map(Number);
  const finetune = (await cells('finetune')).slice(0, -2);
  for (const id of ['base', 'task_arithmetic', 'ties', 'ta_shared', 'unique_shared']) {
    const row = await cells(id);
    const perTask = row.slice(0, -2);
    expect(perTask).toHaveLength(finetune.length);
    const normalised = (100 * perTask.reduce((a, acc, i) => a + acc / finetune[i], 0)) / perTask.length;
    expect(Math.abs(row[row.length - 1] - normalised), `${id}: ${row.join(' ')}`).toBeLessThan(0.2); // cells are rounded to 0.1
  }
  const before = await page.getByTestId('norm-task_arithmetic').innerText();

  const slider = page.getByTestId('lambda-task_arithmetic');
  await slider.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight'); // 0.3 -> 0.5
  await expect(page.getByTestId('norm-task_arithmetic')).not.toHaveText(before, { timeout: 60_000 });
  await expect(page.getByTestId('eval-time')).toBeVisible();
  await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).has('v'));
  await page.waitForTimeout(500);
  const link = page.url();
  const numbers = await tableText(page);
  await page.screenshot({ path: info.outputPath('merge.png'), fullPage: true });

  // A fresh browser context opening the copied link sees the same edit and the same numbers.
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(link);
  await expect(fresh.getByTestId('eval-time')).toBeVisible({ timeout: 120_000 });
  expect(await tableText(fresh)).toBe(numbers);
  await other.close();
  guard.expectClean();
});

test("merge: side 'auto' from a link says per matrix which side it split on and why", async ({ page }, info) => {
  test.skip(info.project.name !== 'no-webgpu', 'one run is enough');
  const guard = guardConsole(page);
  await page.goto('/merge#v=1&side=auto');
  await expect(page.getByTestId('eval-time')).toBeVisible({ timeout: 120_000 });
  const list = page.getByTestId('side-choices');
  await list.locator('summary').click();
  // Each line names the side taken and both sides' top chained eigenvalue against its null; the side taken is the one
  // standing further above its null (lib/decompose/side-choice.ts).
  await expect(list.getByTestId('side-choice').first()).toContainText('patch_embed: ');
  const text = await list.getByTestId('side-choice').first().textContent();
  const m = text!.match(/^patch_embed: (left|right): eig (0\.\d\d|1\.00) vs null (0\.\d\d); (left|right) (0\.\d\d|1\.00) vs null (0\.\d\d)$/);
  expect(m, text!).not.toBeNull();
  const [, side, top, nul, other, otherTop, otherNul] = m!;
  expect(other).not.toBe(side);
  expect(Number(top) - Number(nul)).toBeGreaterThanOrEqual(Number(otherTop) - Number(otherNul) - 0.01);
  guard.expectClean();
});

test('merge: a hostile link is refused with a message and the defaults load', async ({ page }, info) => {
  test.skip(info.project.name !== 'no-webgpu', 'one run is enough');
  await page.goto('/merge?s=v1.%3Cscript%3Ealert(1)%3C%2Fscript%3E');
  await expect(page.getByRole('alert').first()).toContainText('not in a format this app wrote', { timeout: 120_000 });
  await expect(page.getByTestId('accuracy-table')).toBeVisible({ timeout: 120_000 });
});
