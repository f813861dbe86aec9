/** Renders the merge table and writes it into docs/results.md under "## Merge demo", leaving other sections alone. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { EvalResult } from '../../lib/merge/evaluate';

interface Row { method: string; params: string; val: EvalResult; test: EvalResult }

const pct = (x: number) => (100 * x).toFixed(1);

export function renderTable(names: string[], rows: Row[]): string {
  const head = `| Method | Tuned on val | ${names.join(' | ')} | Avg acc | Avg normalised |`;
  const sep = `|${'---|'.repeat(names.length + 4)}`;
  const body = rows.map((r) => `| ${r.method} | ${r.params} | ${r.test.tasks.map((t) => pct(t.accuracy)).join(' | ')} | **${pct(r.test.meanAccuracy)}** | ${pct(r.test.meanNormalized)} |`);
  return [head, sep, ...body].join('\n');
}

export function writeResultsSection(o: { names: string[]; rows: Row[]; sharedDims: string; seconds: number; modelsDir: string }, path = 'docs/results.md'): void {
  const section = [
    '## Merge demo',
    '',
    `Eight 28x28 classification tasks, tiny ViT encoder (models: \`${o.modelsDir}\`, see docs/merge-models.md).`,
    'Test-split accuracy (%) per task; every coefficient was chosen on the validation split by mean normalised accuracy',
    '(accuracy / the individual fine-tune\'s). Merged encoders use each task\'s fine-tuned head. Produced by `npm run eval:merge`',
    `in ${o.seconds.toFixed(0)} s.`,
    '',
    renderTable(o.names, o.rows),
    '',
    `Shared dimension per matrix at the chosen η: ${o.sharedDims}.`,
    '',
  ].join('\n');
  const old = existsSync(path) ? readFileSync(path, 'utf8') : '# Results\n\n';
  const start = old.indexOf('## Merge demo');
  const next = start >= 0 ? old.indexOf('\n## ', start + 5) : -1;
  // The "### What we tried" block (scripts/merge/explore-doc.ts) is kept across re-runs.
  const oldSection = start >= 0 ? old.slice(start, next >= 0 ? next + 1 : old.length) : '';
  const tried = oldSection.indexOf('### What we tried');
  const keep = tried >= 0 ? `\n${oldSection.slice(tried).trimEnd()}\n\n` : '';
  const out = start < 0 ? `${old.trimEnd()}\n\n${section}${keep}` : `${old.slice(0, start)}${section}${keep}${next >= 0 ? old.slice(next + 1) : ''}`;
  writeFileSync(path, out);
}
