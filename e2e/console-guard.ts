import { expect, type Page } from '@playwright/test';

/** Collects console errors and uncaught exceptions; a test ends by asserting there were none. */
export function guardConsole(page: Page, allow: RegExp[] = []) {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !allow.some((r) => r.test(m.text()))) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  return { expectClean: () => expect(errors, errors.join('\n')).toEqual([]) };
}
