import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { guardConsole } from './console-guard';

// Every page as a newcomer sees it, on a desktop and on a 390 px wide phone: a screenshot of each
// (e2e-artifacts/screens/), and nothing a reader needs is cut off: no page wider than the screen,
// no heading, label or button whose text is clipped, no chart label outside its chart.
const PAGES: { path: string; ready: (p: Page) => Promise<void> }[] = [
  { path: '/', ready: (p) => expect(p.locator('h1')).toBeVisible() },
  { path: '/learn', ready: (p) => expect(p.getByTestId('syn-readout')).toContainText('Found', { timeout: 60_000 }) },
  { path: '/merge', ready: (p) => expect(p.getByTestId('eval-time')).toBeVisible({ timeout: 170_000 }) },
  { path: '/style', ready: (p) => expect(p.getByTestId('generation-time')).toBeVisible({ timeout: 170_000 }) },
  { path: '/detox', ready: (p) => expect(p.locator('[data-method="unique"]').getByText(/listed word/)).toBeVisible({ timeout: 170_000 }) },
  { path: '/lab', ready: (p) => expect(p.getByTestId('try-it')).toBeVisible() },
];
const SIZES = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];
const DIR = 'e2e-artifacts/screens';

/** What is cut off on the page as laid out now, in words (empty when nothing is). */
function cutOff(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth + 1) found.push(`the page is ${doc.scrollWidth} px wide on a ${window.innerWidth} px screen`);
    // Text clipped by its own box (ellipsis or hidden overflow).
    for (const el of document.querySelectorAll<HTMLElement>('h1, h2, h3, h4, label, button, summary, th, [data-testid$="-title"]')) {
      const style = getComputedStyle(el);
      const clips = style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis';
      const screenReaderOnly = el.clientWidth <= 1;
      if (clips && !screenReaderOnly && el.scrollWidth > el.clientWidth + 1 && el.offsetParent) found.push(`"${el.innerText.slice(0, 60)}" is cut at ${el.clientWidth} px`);
    }
    // Chart labels (SVG text) drawn outside their chart.
    for (const svg of document.querySelectorAll<SVGSVGElement>('svg.recharts-surface')) {
      const box = svg.getBoundingClientRect();
      for (const t of svg.querySelectorAll<SVGTextElement>('text')) {
        const r = t.getBoundingClientRect();
        if (r.width && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)) found.push(`chart label "${t.textContent}" is drawn outside its chart`);
      }
    }
    return found;
  });
}

test.describe('every page, desktop and phone', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'no-webgpu', 'layout does not depend on WebGPU'));
  test.beforeAll(() => mkdirSync(DIR, { recursive: true }));

  for (const { path, ready } of PAGES) {
    test(`${path}: nothing cut off`, async ({ page }) => {
      const guard = guardConsole(page);
      await page.setViewportSize(SIZES[0]);
      await page.goto(path);
      await ready(page);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.waitForTimeout(300); // charts re-measure on resize
        const name = path === '/' ? 'home' : path.slice(1);
        await page.screenshot({ path: `${DIR}/${name}-${size.name}.png`, fullPage: true });
        // The first screen alone: what README's picture (docs/img/merge.png) is cut from.
        if (size.name === 'desktop') await page.screenshot({ path: `${DIR}/${name}-${size.name}-top.png` });
        expect(await cutOff(page), `${path} at ${size.width} px`).toEqual([]);
      }
      guard.expectClean();
    });
  }
});
