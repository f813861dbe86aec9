import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { interval, mergeEvidenceSchema, points } from '../lib/demos/merge/merge-evidence';
import { guardConsole } from './console-guard';

// The page's measured numbers are the ones `npm run eval:merge` wrote to docs/results/merge.json.
test('merge: the evidence panel shows the numbers of docs/results/merge.json', async ({ page }, info) => {
  test.skip(info.project.name !== 'no-webgpu', 'one run is enough');
  const json = mergeEvidenceSchema.parse(JSON.parse(readFileSync('docs/results/merge.json', 'utf8')));
  const guard = guardConsole(page);
  await page.goto('/merge');
  await expect(page.getByTestId('merge-evidence')).toBeVisible({ timeout: 120_000 });
  for (const f of Object.values(json.families)) {
    await expect(page.getByTestId(`premise-${f.family}`)).toHaveText(points(f.premise.value, true));
    await expect(page.getByTestId(`premise-ci-${f.family}`)).toHaveText(interval(f.premise.ci95));
    await expect(page.getByTestId(`primary-${f.family}`)).toHaveText(points(f.primary.estimate, true));
    await expect(page.getByTestId(`primary-ci-${f.family}`)).toHaveText(interval(f.primary.ci95));
    await expect(page.getByTestId(`control-${f.family}`)).toHaveText(points(f.primary.vsControl.estimate, true));
    for (const m of f.methods) await expect(page.getByTestId(`acc-${f.family}-${m.id}`)).toHaveText(points(m.test.estimate));
    // The full tables are folded: one click opens them.
    await expect(page.getByTestId(`sweep-${f.family}`)).toBeHidden();
    await page.getByTestId(`details-${f.family}`).locator('summary').click();
    await expect(page.getByTestId(`sweep-${f.family}`)).toBeVisible();
  }
  // One plain sentence on top, computed from the same numbers.
  await expect(page.getByTestId('merge-verdict')).toContainText('Planted family: the method against task arithmetic');
  // The served copy is the same file.
  const served = await (await page.request.get('/data/merge/results.json')).json();
  expect(served.families).toEqual(JSON.parse(readFileSync('docs/results/merge.json', 'utf8')).families);
  guard.expectClean();
});
