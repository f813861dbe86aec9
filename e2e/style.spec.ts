import { expect, type Page, test } from '@playwright/test';
import { defaultStyleState, STYLE_STATE_VERSION } from '../lib/demos/style/style-state';
import { encodeState } from '../lib/url-state/codec';
import { readFileSync } from 'node:fs';
import { formatInterval, type StyleResults } from '../lib/demos/style/style-results';
import { guardConsole } from './console-guard';

/** Share of non-white pixels on a grid canvas: a drawn grid has ink, a blank one does not. */
const inkShare = (page: Page, id: string) =>
  page.getByTestId(id).evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] < 600) ink++;
    return ink / (d.length / 4);
  });

async function expectGrids(page: Page) {
  for (const id of ['naive', 'unique_mix', 'base', 'single_red', 'single_badge']) {
    await expect(page.getByTestId(`grid-${id}`)).toBeVisible({ timeout: 170_000 });
  }
  await expect(page.getByTestId('generation-time')).toBeVisible();
  expect(await inkShare(page, 'grid-naive')).toBeGreaterThan(0.05);
  expect(await inkShare(page, 'grid-unique_mix')).toBeGreaterThan(0.05);
  await expect(page.getByTestId('scores-unique_mix')).toContainText('quality');
}

test('style: both grids, the singles and the base are sampled; a slider re-samples; the link reproduces the scores and the image bytes', async ({ page, browser }, info) => {
  test.skip(info.project.name !== 'no-webgpu', 'the WebGPU run is the next test');
  const guard = guardConsole(page);
  await page.goto('/style');
  await expectGrids(page);
  const before = await page.getByTestId('scores-unique_mix').innerText();

  const slider = page.getByTestId('beta-red');
  await slider.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft'); // beta_red 1 -> 0.5
  await expect(page.getByTestId('scores-unique_mix')).not.toHaveText(before, { timeout: 60_000 });
  await expect(page.getByTestId('generation-time')).toBeVisible();
  await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).has('v'));
  await page.waitForTimeout(500);
  const link = page.url();
  const scores = await page.getByTestId('scores-unique_mix').innerText();
  const pixels = (p: typeof page) => p.getByTestId('grid-unique_mix').evaluate((c) => (c as HTMLCanvasElement).toDataURL('image/png'));
  const image = await pixels(page);
  await page.screenshot({ path: info.outputPath('style.png'), fullPage: true });

  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(link);
  await expectGrids(fresh);
  expect(await fresh.getByTestId('scores-unique_mix').innerText()).toBe(scores);
  expect(await pixels(fresh)).toBe(image); // the same image bytes, not just the same scores
  await other.close();
  guard.expectClean();
});

test('style: both grids are sampled on WebGPU', async ({ page }, info) => {
  test.skip(info.project.name !== 'webgpu', 'needs the WebGPU flags');
  // SwiftShader runs each denoiser call in seconds: a short sampler keeps the check of the WebGPU path affordable.
  test.setTimeout(420_000);
  const s = encodeState(STYLE_STATE_VERSION, { ...defaultStyleState(), steps: 4, samples: 4 });
  await page.goto(`/style?backend=webgpu&s=${encodeURIComponent(s)}`);
  await expectGrids(page);
  await page.screenshot({ path: info.outputPath('style-webgpu.png'), fullPage: true });
});

test('style: the premise and primary numbers on the page are the ones in docs/results/style.json', async ({ page }, info) => {
  test.skip(info.project.name !== 'no-webgpu', 'one backend is enough for static numbers');
  const r = JSON.parse(readFileSync('docs/results/style.json', 'utf8')) as StyleResults;
  await page.goto('/style');
  await expect(page.getByTestId('evidence-planted-premise')).toHaveText(formatInterval(r.premise.value, r.premise.ci95), { timeout: 60_000 });
  await expect(page.getByTestId('evidence-planted-primary')).toHaveText(formatInterval(r.primary.estimate, r.primary.ci95));
  await expect(page.getByTestId('evidence-sibling-premise')).toHaveText(formatInterval(r.sibling.premise.value, r.sibling.premise.ci95));
  await expect(page.getByTestId('evidence-sibling-primary')).toHaveText(formatInterval(r.sibling.primary.estimate, r.sibling.primary.ci95));
  // The difference view appears once both grids are sampled, with the ground truth beside them.
  await expect(page.getByTestId('diff-unique_mix')).toBeVisible({ timeout: 170_000 });
  await expect(page.getByTestId('grid-truth')).toBeVisible();
  await expect(page.getByTestId('pair-details')).toContainText('Planted');
});
