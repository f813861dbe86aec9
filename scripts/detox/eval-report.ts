/** Writes the "## Detox demo" section of docs/results.md, leaving every other section as it is. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function replaceSection(doc: string, heading: string, body: string): string {
  const start = doc.indexOf(heading);
  if (start < 0) return `${doc.trimEnd()}${doc.trim() ? '\n\n' : ''}${heading}\n\n${body.trim()}\n`;
  const next = doc.indexOf('\n## ', start + heading.length);
  const tail = next < 0 ? '' : doc.slice(next);
  return `${doc.slice(0, start)}${heading}\n\n${body.trim()}\n${tail}`;
}

export function writeResultsSection(path: string, body: string): void {
  const doc = existsSync(path) ? readFileSync(path, 'utf8') : '# Results\n';
  writeFileSync(path, replaceSection(doc, '## Detox demo', body));
}

export const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
/** Small probabilities: two significant digits, so 0.0012% is not shown as 0.0%. */
export const pp = (x: number) => `${(100 * x).toPrecision(2)}%`;
export const f3 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
