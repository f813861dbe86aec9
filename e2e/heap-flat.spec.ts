import { expect, type Page, test } from '@playwright/test';

// Fifty edits in a row must not grow the page's heap or leave tensors behind in the worker
// (measured before this test existed: page +1.8 MB at most, no live tensors left).
test.describe('memory over 50 edits', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'no-webgpu', 'one run is enough'));
  test.setTimeout(400_000);

  async function measure(page: Page) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    await cdp.detach();
    const tensors = await page.evaluate(() => (window as unknown as { __engineTestHooks: { liveTensors(): Promise<number> } }).__engineTestHooks.liveTensors());
    return { heap: usedSize, tensors };
  }

  /** The next result after an edit: changed from `previous`, then unchanged for a moment (a
   * slider's intermediate values may show first). */
  async function settled(page: Page, result: () => Promise<string>, previous: string) {
    await expect.poll(result, { timeout: 60_000 }).not.toBe(previous);
    for (let last = await result(); ; ) {
      await page.waitForTimeout(700);
      const now = await result();
      if (now === last) return now;
      last = now;
    }
  }

  /** Runs 50 edits, each waiting for its own result to show, and compares memory before and after. */
  async function fiftyEdits(page: Page, edit: (i: number) => Promise<void>, result: () => Promise<string>) {
    const initial = await result();
    await edit(0); // warm up caches and code paths first
    let previous = await settled(page, result, initial);
    const before = await measure(page);
    for (let i = 1; i <= 50; i++) {
      await edit(i);
      previous = await settled(page, result, previous);
    }
    const after = await measure(page);
    expect(after.tensors).toBe(before.tensors);
    expect(after.heap - before.heap, `page heap grew by ${((after.heap - before.heap) / 2 ** 20).toFixed(2)} MB`).toBeLessThan(3 * 2 ** 20);
  }

  /** Moves a slider by `steps` arrow presses, right on even edits and back on odd ones. */
  const nudge = (page: Page, id: string, steps: number) => async (i: number) => {
    await page.getByTestId(id).focus();
    for (let s = 0; s < steps; s++) await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
  };

  // Caught once: every engine call raced a never-settling "worker stopped" promise, which kept
  // each past result alive (+6.2 MB on /merge, +3.3 MB on /detox over 50 edits); see lib/util/stop-signal.ts.
  test('/merge', async ({ page }) => {
    await page.goto('/merge');
    await expect(page.getByTestId('eval-time')).toBeVisible({ timeout: 120_000 });
    const table = async () => `${await page.getByTestId('accuracy-table').innerText()} ${await page.getByTestId('eval-time').innerText()}`;
    await fiftyEdits(page, nudge(page, 'lambda-task_arithmetic', 10), table);
  });

  test('/style', async ({ page }) => {
    await page.goto('/style');
    await expect(page.getByTestId('generation-time')).toBeVisible({ timeout: 170_000 });
    await fiftyEdits(page, nudge(page, 'beta-red', 10), () => page.getByTestId('scores-unique_mix').innerText());
  });

  test('/detox', async ({ page }) => {
    await page.goto('/detox');
    await expect(page.locator('[data-method="unique"]').getByText(/listed word/)).toBeVisible({ timeout: 150_000 });
    const texts = () => page.getByTestId('generations').innerText();
    await fiftyEdits(
      page,
      (i) => page.getByTestId('seed').fill(String(20 + i)), // the default seed is 7
      texts,
    );
  });
});
