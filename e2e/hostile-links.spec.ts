import { expect, test } from '@playwright/test';

// Links are shared by strangers: every damaged, huge or hostile one must open the app, say in
// words what is wrong, and fall back to a working page.
test.describe('hostile links', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'no-webgpu', 'link handling does not depend on WebGPU'));

  const cases: [string, string, RegExp][] = [
    ['a 1 MB link', '#s=v1.' + 'A'.repeat(1_000_000), /too long/],
    ['a link cut short', '#s=v1.eNpVjEEKwzAM', /damaged or cut short/],
    ['a script in the link', '#s=%3Cscript%3Ealert(1)%3C%2Fscript%3E', /not in a format this app wrote/],
    ['an old-style query link from a newer version', '?s=v9.AAAA', /version 9/],
  ];

  for (const [what, suffix, message] of cases) {
    test(`${what} opens the page with a message in words and working defaults`, async ({ page }) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('dialog', (d) => errors.push(`dialog: ${d.message()}`));
      const response = await page.goto('/learn' + suffix);
      expect(response?.status()).toBe(200);
      const alert = page.getByRole('alert').first();
      await expect(alert).toContainText(message);
      await expect(alert).not.toContainText(/atob|Failed to execute|Unexpected token|JSON/);
      await expect(page.getByTestId('syn-readout')).toContainText('Found');
      expect(errors).toEqual([]);
    });
  }

  for (const demo of ['merge', 'style', 'detox']) {
    test(`/${demo}: a bad link says why at once, while the models are still loading`, async ({ page }) => {
      // Hold the model files back, so the message can only come from reading the link.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      await page.route(`**/models/${demo}/**`, async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`/${demo}#v=99&x=1`);
      const alert = page.getByRole('alert').first();
      await expect(alert).toContainText(/version 99/, { timeout: 15_000 });
      await expect(page.getByText('Starting…').or(page.getByRole('progressbar')).first()).toBeVisible();
      await page.getByRole('button', { name: 'Dismiss' }).click();
      await expect(page.getByText(/version 99/)).toBeHidden();
      release();
    });
  }

  test('the state the page writes goes into the fragment, never to the server', async ({ page }) => {
    await page.goto('/learn');
    await expect(page.getByTestId('syn-readout')).toContainText('Found');
    await page.getByTestId('syn-noise').fill('0.3');
    await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).has('v'));
    expect(new URL(page.url()).searchParams.has('s')).toBe(false);
  });
});
