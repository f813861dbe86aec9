/** Writes the style table into docs/results.md under "## Style demo", leaving other sections alone. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function writeStyleSection(body: string, path = 'docs/results.md'): void {
  const section = `## Style demo\n\n${body.trim()}\n`;
  // Re-read right before writing: other sections may have changed since the evaluation started.
  const old = existsSync(path) ? readFileSync(path, 'utf8') : '# Results\n';
  const start = old.indexOf('## Style demo');
  const next = start >= 0 ? old.indexOf('\n## ', start + 5) : -1;
  const out = start < 0 ? `${old.trimEnd()}\n\n${section}` : `${old.slice(0, start)}${section}${next >= 0 ? '\n' + old.slice(next + 1) : ''}`;
  writeFileSync(path, out);
}
