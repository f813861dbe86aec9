/** Renders the merge results from the evaluation summaries into docs/results.md under "## Merge demo", leaving other sections alone. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { GRID_SIZE } from './eval-grid';
import type { FamilySummary } from './eval-summary';

const f1 = (x: number) => x.toFixed(1);
const ci = (c: [number, number]) => `[${f1(c[0])}, ${f1(c[1])}]`;
const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;
const excludesZero = (c: [number, number]) => c[0] > 0 || c[1] < 0;
const params = (m: FamilySummary['methods'][number]) =>
  m.params.length ? m.params.map((p) => `λ=${p.lambda}${p.second !== undefined ? `, ${m.id.startsWith('unique') || m.formula.includes('γ') ? 'γ' : 'α'}=${p.second}` : ''}`).join('; ') : '-';

export function renderFamily(s: FamilySummary): string {
  const head = `| Method | Chosen on val (per seed) | ${s.tasks.join(' | ')} | Mean test acc [95% CI] |`;
  const sep = `|${'---|'.repeat(s.tasks.length + 3)}`;
  const rows = s.methods.map((m) => `| ${m.title} | ${params(m)} | ${m.perTask.map(f1).join(' | ')} | **${f1(m.test.estimate)}** ${ci(m.test.ci95)} |`);
  const random = s.methods.find((m) => m.draws);
  const drawLine = random?.draws ? `Random control: the row above is draw 1 (tuned on validation); at that setting its ${random.draws.length} draws score ${random.draws.map(f1).join(', ')} (mean ${f1(random.draws.reduce((a, b) => a + b, 0) / random.draws.length)}, range ${f1(Math.max(...random.draws) - Math.min(...random.draws))} points) on the first ${s.drawSubset} test images per task.` : '';
  const layers = [
    '| Matrix | d | ranks r_i | shared dim (η = 0.85) | chance: mean / 95th pct | mean shared energy |',
    '|---|---|---|---|---|---|',
    ...s.layers.map((l) => `| ${l.name} | ${l.d} | ${l.ranks.join(' ')} | ${l.sharedDim} | ${f1(l.chanceMean)} / ${l.chanceP95} | ${(100 * l.sharedEnergy).toFixed(1)}% |`),
  ];
  const p = s.premise, q = s.primary, mp = s.methodPremise;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const methodPremise = mp.commonInside !== null
    ? `- The method's own premise: the planted common change inside the shared subspace ${pct(mp.commonInside)} of its energy (same-size random subspaces ${pct(mp.commonChance ?? 0)}); as a share of each task vector's energy, smallest task, ${pct(mp.value)} (per seed ${mp.perSeed.map(pct).join(', ')}; asked ≥ ${pct(mp.threshold)}); task arithmetic's tuned λ × k ${mp.lambdaK.map((v) => v.toFixed(2)).join(', ')} (asked ≤ ${mp.lambdaKThreshold}): **${mp.holds ? 'holds' : 'does not hold'}**.`
    : `- The method's own premise: nothing planted; each task vector's energy inside the shared subspace ${mp.tauInside.map(pct).join(', ')}; task arithmetic's tuned λ × k ${mp.lambdaK.map((v) => v.toFixed(2)).join(', ')}.`;
  return [
    `### Family: ${s.family} (seeds ${s.seeds.join(', ')}; ${s.valPerTask} val images per task for tuning, ${s.testPerTask} test images per task)`,
    '',
    `- Premise gate: task arithmetic minus base + heads = **${signed(p.value)}** points ${ci(p.ci95)} (needs ≥ +${p.threshold} with the interval above 0): **${p.holds ? 'holds' : 'does not hold'}**.`,
    methodPremise,
    `- Primary: method (form per seed: ${q.forms.join(', ')}) minus task arithmetic = **${signed(q.estimate)}** points ${ci(q.ci95)}${excludesZero(q.ci95) ? '' : ' (interval includes 0)'}.`,
    `- Method minus its best same-size control (per seed: ${q.controls.join(', ')}) = **${signed(q.vsControl.estimate)}** points ${ci(q.vsControl.ci95)}${excludesZero(q.vsControl.ci95) ? '' : ' (interval includes 0)'}.`,
    '',
    rows.length ? [head, sep, ...rows].join('\n') : '',
    '',
    drawLine,
    '',
    'Shared dimension per matrix (first seed) against the null model: random subspaces of the same ranks, 20 draws, same η.',
    '',
    layers.join('\n'),
    '',
  ].join('\n');
}

export function renderSection(families: FamilySummary[], o: { seconds: number; command: string; note: string }): string {
  return [
    '## Merge demo',
    '',
    'Eight 28x28 tasks, tiny ViT encoder, frozen prototype heads (docs/merge-models.md, "v4"; protocol fixed before the run:',
    `docs/merge-protocol-v4.md). Every coefficient was tuned on validation by mean accuracy over the tasks (${GRID_SIZE} grid points`,
    'per method; TA + shared\'s grid contains task arithmetic itself, α = 0); test accuracy (%) per task, mean over seeds;',
    'intervals are paired bootstrap 95% over test images and seeds (2,000 resamples). Numbers on `/merge` come from',
    `docs/results/merge.json, written by the same run. Produced by \`${o.command}\` (${o.seconds.toFixed(0)} s wall).`,
    o.note ? `\n${o.note}` : '',
    '',
    ...families.map(renderFamily),
  ].join('\n');
}

export function writeResultsSection(section: string, path = 'docs/results.md'): void {
  const old = existsSync(path) ? readFileSync(path, 'utf8') : '# Results\n\n';
  const start = old.indexOf('## Merge demo');
  const next = start >= 0 ? old.indexOf('\n## ', start + 5) : -1;
  // The "### What we tried" block (scripts/merge/explore-doc.ts) is kept across re-runs.
  const oldSection = start >= 0 ? old.slice(start, next >= 0 ? next + 1 : old.length) : '';
  const tried = oldSection.indexOf('### What we tried');
  const keep = tried >= 0 ? `\n${oldSection.slice(tried).trimEnd()}\n\n` : '';
  const body = `${section.trimEnd()}\n`;
  const out = start < 0 ? `${old.trimEnd()}\n\n${body}${keep}` : `${old.slice(0, start)}${body}${keep}${next >= 0 ? old.slice(next + 1) : ''}`;
  writeFileSync(path, out);
}
