import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { ci95, DETOX_RESULTS_URL, detoxEvidenceSchema, knowledgeCurve, pct, primaryVerdict, signedBits, tradeOffAxes } from '../lib/demos/detox/detox-evidence';
import { detoxJson } from '../scripts/detox/eval-report';
import { fakeReport } from '../scripts/detox/eval-report.fixture';
import { defaultDetoxState, DETOX_STATE_VERSION } from '../lib/demos/detox/detox-state';
import { encodeState } from '../lib/url-state/codec';
import { guardConsole } from './console-guard';

const methods = ['base', 'toxic', 'plain', 'unique'];

test('detox on WebGPU: every method generates (short continuations: SwiftShader is slow)', async ({ page }, info) => {
  test.skip(info.project.name !== 'webgpu', 'needs --enable-unsafe-webgpu');
  // The v2 models (4 layers, context 128) on SwiftShader: about 2 minutes on an idle 2-core machine.
  test.setTimeout(420_000);
  const guard = guardConsole(page);
  const s = encodeState(DETOX_STATE_VERSION, { ...defaultDetoxState, maxChars: 8 });
  await page.goto(`/detox?backend=webgpu&s=${s}`);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu');
  for (const id of methods) await expect(page.locator(`[data-method="${id}"]`).getByText(/listed word/)).toBeVisible({ timeout: 360_000 });
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

/** The tick labels recharts drew on one axis of the trade-off chart. */
const tickLabels = (page: Page, axis: 'x' | 'y') => page.getByTestId('trade-off-chart').locator(`.recharts-${axis}Axis-tick-labels .recharts-cartesian-axis-tick-value`).allTextContents();

test('detox: the evidence panel shows docs/results/detox.json (the served copy is the same file): the gates first, then the primary comparison and the curve', async ({ page }, info) => {
  test.skip(info.project.name !== 'no-webgpu', 'one run is enough');
  const json = detoxEvidenceSchema.parse(JSON.parse(readFileSync('docs/results/detox.json', 'utf8')));
  const guard = guardConsole(page);
  // v1's public/models/detox/eval.json is gone: the page must not ask for it.
  const asked: string[] = [];
  page.on('request', (r) => asked.push(r.url()));
  await page.goto('/detox');
  const panel = page.getByTestId('detox-evidence');
  await expect(panel).toHaveAttribute('data-status', json.status, { timeout: 120_000 });
  expect(await (await page.request.get(DETOX_RESULTS_URL)).json()).toEqual(JSON.parse(readFileSync('docs/results/detox.json', 'utf8')));
  if (json.status === 'not measured') {
    await expect(page.getByTestId('premise')).toHaveText('not measured yet');
    await expect(page.getByTestId('evidence-note')).toHaveText(json.note);
  } else {
    await expect(page.getByTestId('premise')).toHaveText(pct(json.premise.value));
    await expect(page.getByTestId('premise-ci')).toHaveText(ci95(json.premise.ci95));
    await expect(page.getByTestId('premise-holds')).toHaveText(json.premise.holds ? 'holds' : 'does not hold');
    await expect(page.getByTestId('toxic-premise')).toHaveText(pct(json.toxicPremise.value, true));
    await expect(page.getByTestId('method-premise')).toHaveText(pct(json.methodPremise.value));
    await expect(page.getByTestId('primary-verdict')).toHaveText(primaryVerdict(json));
    if (Object.keys(json.curves).length) {
      const axes = tradeOffAxes(knowledgeCurve(json));
      await expect.poll(() => tickLabels(page, 'y')).toEqual(axes.y.ticks.map(axes.y.label));
    }
  }
  expect(asked.filter((u) => u.endsWith('/models/detox/eval.json'))).toEqual([]);
  guard.expectClean();
});

test('detox: a measured detox.json is shown as written: the three gates, the primary comparison with its intervals, the curve from its points', async ({ page }, info) => {
  test.skip(info.project.name !== 'no-webgpu', 'one run is enough');
  // What eval:detox writes for a made-up report (served in place of the file): the page must show its numbers.
  const written = JSON.parse(JSON.stringify(detoxJson(fakeReport(0.052, [-0.021, -0.034, -0.008]))));
  const json = detoxEvidenceSchema.parse(written);
  if (json.status === 'not measured') throw new Error('expected a measured report');
  await page.route(`**${DETOX_RESULTS_URL}`, (route) => route.fulfill({ json: written }));
  const guard = guardConsole(page);
  await page.goto('/detox');
  await expect(page.getByTestId('detox-evidence')).toHaveAttribute('data-status', 'measured', { timeout: 120_000 });
  await expect(page.getByTestId('premise')).toHaveText('5.20');
  await expect(page.getByTestId('premise-ci')).toHaveText(ci95(json.premise.ci95));
  await expect(page.getByTestId('premise-holds')).toHaveText('holds');
  await expect(page.getByTestId('toxic-premise')).toHaveText('+50.00');
  await expect(page.getByTestId('method-premise-holds')).toHaveText('holds');
  await expect(page.getByTestId('primary')).toHaveText('-2.10');
  await expect(page.getByTestId('primary-ci')).toHaveText('[-3.40, -0.80]');
  await expect(page.getByTestId('primary-bits')).toHaveText(signedBits(json.primary!.bitsPerChar.value));
  await expect(page.getByTestId('primary-verdict')).toHaveText(primaryVerdict(json));
  const axes = tradeOffAxes(knowledgeCurve(json));
  await expect.poll(() => tickLabels(page, 'y')).toEqual(axes.y.ticks.map(axes.y.label));
  expect(await tickLabels(page, 'x')).toEqual(axes.x.ticks.map(axes.x.label));
  const points = knowledgeCurve(json).series.reduce((n, s) => n + s.points.length, 0);
  expect(await page.getByTestId('trade-off-chart').locator('.recharts-scatter-symbol').count()).toBe(points);
  guard.expectClean();
});
