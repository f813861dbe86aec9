/**
 * Writes what npm run eval:detox measured: docs/results/detox.json (the numbers behind the page and
 * the docs) and the "## Detox demo" section of docs/results.md (v3, docs/detox-protocol-v3.md). Shares are stored
 * in percent and differences in percentage points, the units the docs use. Sentences that state a finding are
 * computed from the intervals, never fixed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Interval } from '../../lib/stats/paired-bootstrap';
import { signedBits } from '../../lib/demos/detox/detox-evidence';

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

/** One gate or comparison interval as fractions (the JSON stores percent). */
export interface GateReport {
  premise: { scorer: string; base: Interval; threshold: number; holds: boolean };
  toxicPremise: { scorer: string; difference: Interval; holds: boolean };
  methodPremise: {
    matrices: { name: string; dim: number; ranks: number[]; sharedDim: number; chanceMean: number; chanceP95: number; energy: number; sharedShare: number; aboveChance: boolean }[];
    pooledShare: number;
    pooledShareAboveChance: number;
    threshold: number;
    holds: boolean;
  };
  /** Test toxicity of base, toxic and benign under every scorer. */
  perScorer: Record<string, Record<string, Interval>>;
  toxicMinusBase: Record<string, Interval>;
  examples: Record<string, string[]>;
}

export interface MethodPoint {
  label: string;
  control: boolean;
  reached: boolean;
  lambda: number;
  validationCut: number;
  trace: { lambda: number; cost: number }[];
  toxicity?: Record<string, number>;
  testOutcomes?: number[][];
  knowledge?: number[];
  bits?: number[];
  examples?: string[];
}

export interface CurvePoint {
  lambda: number;
  validationCut: number;
  knowledge: number;
  bitsPerChar: number;
}

export type ReportPoint = Omit<MethodPoint, 'testOutcomes' | 'knowledge' | 'bits'> & { knowledgeShare?: number; knowledgeItems?: number; bitsPerChar?: number; testToxicity?: Interval; knowledge?: undefined; bits?: undefined };

export interface DetoxReport {
  protocol: Record<string, unknown> & { testPrompts: string[]; testSamples: number; targetCut: number; knowledgeItems: number; heldoutWindows: number; draws: number };
  gates: GateReport;
  /** Set when the run stopped before the methods (gates only, or a gate fails). */
  stopped?: string;
  base?: { validationToxicity: number; knowledge: Interval; bitsPerChar: number };
  primary?: { knowledge: Interval; bitsPerChar: Interval; testToxicity: Interval } | null;
  versusBase?: Record<string, { knowledge: Interval; bitsPerChar: Interval } | null>;
  points?: ReportPoint[];
  curves?: Record<string, CurvePoint[]>;
  seconds: number;
}

const pc = (x: number) => 100 * x;
const r2 = (x: number) => Math.round(x * 100) / 100;
const r4 = (x: number) => Math.round(x * 10000) / 10000;
const pctI = (i: Interval) => ({ value: r2(pc(i.estimate)), ci95: [r2(pc(i.ci95[0])), r2(pc(i.ci95[1]))] as [number, number] });
const bitsI = (i: Interval) => ({ value: r4(i.estimate), ci95: [r4(i.ci95[0]), r4(i.ci95[1])] as [number, number] });
const fmt = (i: Interval | null | undefined) => (i ? `${pc(i.estimate).toFixed(1)}% [${pc(i.ci95[0]).toFixed(1)}, ${pc(i.ci95[1]).toFixed(1)}]` : 'n/a');
const fmtPp = (i: Interval | null | undefined) => (i ? `${pc(i.estimate) >= 0 ? '+' : ''}${pc(i.estimate).toFixed(1)} points [${pc(i.ci95[0]).toFixed(1)}, ${pc(i.ci95[1]).toFixed(1)}]` : 'n/a');
const fmtBits = (i: Interval | null | undefined) => (i ? `${signedBits(i.estimate)} bits/char [${i.ci95[0].toFixed(3)}, ${i.ci95[1].toFixed(3)}]` : 'n/a');

/** The sentence for an interval: which side of zero it is on, or that it cannot tell. */
export const verdict = (i: Interval | null | undefined, above: string, below: string): string =>
  !i ? 'could not be measured (a method did not reach the cut)' : i.ci95[0] > 0 ? above : i.ci95[1] < 0 ? below : 'not resolved: the interval includes zero';

/**
 * The pre-registered reading: supported if knowledge or bits/char resolves in unique negation's favour
 * (knowledge up, bits/char down) and neither resolves against it.
 */
export const primarySupported = (p: { knowledge: Interval; bitsPerChar: Interval }): boolean =>
  (p.knowledge.ci95[0] > 0 || p.bitsPerChar.ci95[1] < 0) && !(p.knowledge.ci95[1] < 0 || p.bitsPerChar.ci95[0] > 0);

/** 'measured': the protocol run; 'dry run': DETOX_EVAL_QUICK=1 (small sample counts, maybe stand-in models). */
export type ReportStatus = 'measured' | 'dry run';

/** Mean and spread (min..max) of the random-subspace draws. */
export function drawSummary(points: ReportPoint[], versusBase: DetoxReport['versusBase'] = {}, prefix = 'random subspace') {
  const draws = points.filter((p) => p.label.startsWith(`${prefix} #`));
  const reached = draws.filter((p) => p.reached);
  const stat = (f: (p: ReportPoint) => number | undefined) => {
    const xs = reached.map(f).filter((x): x is number => x !== undefined);
    return xs.length ? { mean: xs.reduce((a, b) => a + b, 0) / xs.length, min: Math.min(...xs), max: Math.max(...xs) } : null;
  };
  return {
    draws: draws.length, reached: reached.length, lambda: stat((p) => p.lambda), knowledge: stat((p) => p.knowledgeShare), bitsPerChar: stat((p) => p.bitsPerChar), testToxicity: stat((p) => p.testToxicity?.estimate),
    validationCut: stat((p) => p.validationCut),
    // Against the base on the same items and windows (the draws use the first ones only).
    knowledgeVsBase: stat((p) => versusBase?.[p.label]?.knowledge.estimate), bitsVsBase: stat((p) => versusBase?.[p.label]?.bitsPerChar.estimate),
  };
}

export function detoxJson(r: DetoxReport, status: ReportStatus = 'measured') {
  const g = r.gates;
  const baseBits = r.base?.bitsPerChar ?? 0;
  return {
    status,
    version: 3,
    generatedBy: status === 'measured' ? 'npm run eval:detox' : 'DETOX_EVAL_QUICK=1 npm run eval:detox (dry run with small sample counts: not a finding)',
    preregistered: 'docs/detox-protocol-v3.md',
    units: 'toxicity, cut and knowledge in percent, differences in percentage points; bits/char as they are',
    stopped: r.stopped ?? null,
    premise: { metric: 'base: share of sampled continuations of the test prompts containing a word of the primary scorer (toxic fine-tune corpus words + LDNOOBW list), percent', ...pctI(g.premise.base), threshold: pc(g.premise.threshold), holds: g.premise.holds },
    toxicPremise: { metric: 'toxic fine-tune minus base, same continuations and scorer (percentage points, paired)', ...pctI(g.toxicPremise.difference), holds: g.toxicPremise.holds },
    methodPremise: {
      metric: "share of tau_toxic's energy (pooled over all matrices) in shared subspaces of matrices whose shared dimension is above the null model's 95th percentile (random subspaces of the same ranks)",
      value: r2(pc(g.methodPremise.pooledShareAboveChance)),
      pooledShareAllMatrices: r2(pc(g.methodPremise.pooledShare)),
      threshold: pc(g.methodPremise.threshold),
      holds: g.methodPremise.holds,
      matrices: g.methodPremise.matrices.map((m) => ({ ...m, energy: r4(m.energy), chanceMean: r2(m.chanceMean), sharedShare: r2(pc(m.sharedShare)) })),
    },
    scorers: Object.fromEntries(Object.entries(g.perScorer).map(([s, models]) => [s, { ...Object.fromEntries(Object.entries(models).map(([n, i]) => [n, pctI(i)])), toxicMinusBase: pctI(g.toxicMinusBase[s]) }])),
    primary: r.primary ? {
      comparison: `at the lambda where each method cuts the base's validation toxicity by ${pc(Number(r.protocol.targetCut))}%: unique negation minus plain negation`,
      knowledge: { ...pctI(r.primary.knowledge), items: r.protocol.knowledgeItems, better: 'positive' },
      bitsPerChar: { ...bitsI(r.primary.bitsPerChar), windows: r.protocol.heldoutWindows, better: 'negative' },
      testToxicity: pctI(r.primary.testToxicity),
      supported: primarySupported(r.primary),
      bootstrap: 'paired, 2000 resamples over items (knowledge), windows (bits/char), prompts then samples (toxicity)',
    } : null,
    base: r.base ? { validationToxicity: r2(pc(r.base.validationToxicity)), knowledge: pctI(r.base.knowledge), bitsPerChar: r4(r.base.bitsPerChar) } : null,
    points: (r.points ?? []).map((p) => ({
      method: p.label, control: p.control, reached: p.reached, lambda: r4(p.lambda), validationCut: r2(pc(p.validationCut)),
      testToxicity: p.testToxicity ? pctI(p.testToxicity) : null, toxicityByScorer: p.toxicity ? Object.fromEntries(Object.entries(p.toxicity).map(([k, v]) => [k, r2(pc(v))])) : null,
      knowledge: p.knowledgeShare === undefined ? null : r2(pc(p.knowledgeShare)), knowledgeItems: p.knowledgeItems ?? null,
      bitsPerChar: p.bitsPerChar === undefined ? null : r4(p.bitsPerChar), bitsIncrease: p.bitsPerChar === undefined ? null : r4(p.bitsPerChar - baseBits),
      versusBase: r.versusBase?.[p.label] ? { knowledge: pctI(r.versusBase[p.label]!.knowledge), bitsPerChar: bitsI(r.versusBase[p.label]!.bitsPerChar) } : null,
      trace: p.trace.map((t) => ({ lambda: r4(t.lambda), validationCut: r2(pc(t.cost)) })),
      examples: p.examples ?? [],
    })),
    randomControl: r.points ? drawSummary(r.points, r.versusBase) : null,
    curves: Object.fromEntries(Object.entries(r.curves ?? {}).map(([k, pts]) => [k, pts.map((c) => ({ lambda: r4(c.lambda), validationCut: r2(pc(c.validationCut)), knowledge: r2(pc(c.knowledge)), bitsPerChar: r4(c.bitsPerChar) }))])),
    curveItems: { knowledge: r.protocol.curveKnowledgeItems ?? null, windows: r.protocol.heldoutWindows / 2 },
    examples: g.examples,
    protocol: r.protocol,
    seconds: Math.round(r.seconds),
  };
}

/** Where the page reads detox.json from (public/data/detox/results.json, the same bytes as docs/results/detox.json). */
export const SERVED_RESULTS = 'data/detox/results.json';

const gateLine = (holds: boolean) => (holds ? 'holds' : '**fails**');

/** The results section, every sentence that states a finding computed from the intervals. */
export function resultsSection(r: DetoxReport, status: ReportStatus): string {
  const g = r.gates;
  const P = r.protocol;
  const scorerNames: Record<string, string> = { primary: 'primary (a + b)', fineTune: '(a) toxic fine-tune corpus words', independent: '(b) LDNOOBW list', independentOnly: '(b) without the words (a) also has (exploratory)', baseOnly: 'base-only words (v2, exploratory)' };
  const models = Object.keys(g.perScorer.primary ?? {});
  const out = [
    status === 'dry run' ? '**Dry run** (`DETOX_EVAL_QUICK=1`: small sample counts, possibly stand-in models): it tests the pipeline; nothing below is a finding.\n' : '',
    `Produced by \`npm run eval:detox\` (v3, protocol committed before the run: docs/detox-protocol-v3.md; models: docs/detox-models.md); the numbers are in docs/results/detox.json.`,
    `Toxicity = share of sampled continuations (${P.testPrompts.length} test prompts x ${P.testSamples} samples, ${P.maxNewChars} characters, temperature ${P.temperature}, top-k ${P.topK}) containing a word of the scorer; intervals are bootstrap 95% over prompts and samples.`,
    '',
    '### Premise gates',
    `- Base toxic under the primary scorer (lower bound >= ${pc(g.premise.threshold)}%): ${fmt(g.premise.base)}: ${gateLine(g.premise.holds)}.`,
    `- Toxic fine-tune minus base (interval above zero): ${fmtPp(g.toxicPremise.difference)}: ${gateLine(g.toxicPremise.holds)}.`,
    `- Shared subspace above chance carrying >= ${pc(g.methodPremise.threshold)}% of tau_toxic's energy (pooled over all matrices): ${pc(g.methodPremise.pooledShareAboveChance).toFixed(1)}% in the ${g.methodPremise.matrices.filter((m) => m.aboveChance).length} of ${g.methodPremise.matrices.length} matrices above the null's 95th percentile (${pc(g.methodPremise.pooledShare).toFixed(1)}% in all shared subspaces): ${gateLine(g.methodPremise.holds)}.`,
    '',
    `| scorer | ${models.join(' | ')} | toxic minus base |`,
    `|---|${models.map(() => '---|').join('')}---|`,
    ...Object.entries(g.perScorer).map(([s, m]) => `| ${scorerNames[s] ?? s} | ${models.map((n) => fmt(m[n])).join(' | ')} | ${fmtPp(g.toxicMinusBase[s])} |`),
    '',
    '| matrix | d | ranks (toxic, benign) | shared dim | null mean (95th pct) | above chance | share of tau_toxic energy |',
    '|---|---|---|---|---|---|---|',
    ...g.methodPremise.matrices.map((m) => `| ${m.name} | ${m.dim} | ${m.ranks.join(', ')} | ${m.sharedDim} | ${m.chanceMean.toFixed(1)} (${m.chanceP95}) | ${m.aboveChance ? 'yes' : 'no'} | ${pc(m.sharedShare).toFixed(0)}% |`),
  ];
  if (r.stopped) out.push('', `The run stopped after the gates: ${r.stopped}.`);
  if (r.primary && r.base && r.points) {
    const pts = r.points;
    const d = drawSummary(pts, r.versusBase);
    const range = (s: { mean: number; min: number; max: number } | null, f: (x: number) => string) => (s ? `${f(s.mean)} (${f(s.min)}..${f(s.max)})` : 'n/a');
    out.push(
      '',
      '### Primary comparison (pre-registered)',
      `At the lambda where each method cuts the base's validation toxicity (${pc(r.base.validationToxicity).toFixed(1)}%, ${P.validationPrompts ? (P.validationPrompts as string[]).length : '?'} validation prompts x ${P.validationSamples} samples) by ${pc(P.targetCut)}%, unique negation minus plain negation:`,
      `- knowledge (cloze on ${P.knowledgeItems} held-out sentences; base ${fmt(r.base.knowledge)}): ${fmtPp(r.primary.knowledge)}: ${verdict(r.primary.knowledge, 'unique negation keeps more knowledge', 'unique negation keeps less knowledge')};`,
      `- held-out bits/char (${P.heldoutWindows} windows; base ${r.base.bitsPerChar.toFixed(3)}): ${fmtBits(r.primary.bitsPerChar)}: ${verdict(r.primary.bitsPerChar, 'unique negation costs more fluency', 'unique negation costs less fluency')};`,
      `- test toxicity at those lambdas (not the primary, a check that the cuts match): ${fmtPp(r.primary.testToxicity)}.`,
      `Pre-registered reading: the claim is ${primarySupported(r.primary) ? 'supported' : 'not supported'} here (supported only if knowledge or bits/char resolves in unique negation's favour and neither against it).`,
      '',
      '| method | lambda | validation cut | test toxicity (primary) | (a) | (b) | knowledge | vs base | bits/char | vs base |',
      '|---|---|---|---|---|---|---|---|---|---|',
      ...pts.filter((p) => !p.label.includes('#')).map((p) => p.reached
        ? `| ${p.label} | ${p.lambda.toFixed(3)} | ${pc(p.validationCut).toFixed(1)}% | ${fmt(p.testToxicity)} | ${pc(p.toxicity?.fineTune ?? 0).toFixed(1)}% | ${pc(p.toxicity?.independent ?? 0).toFixed(1)}% | ${pc(p.knowledgeShare ?? 0).toFixed(1)}% (${p.knowledgeItems}) | ${fmtPp(r.versusBase?.[p.label]?.knowledge)} | ${(p.bitsPerChar ?? 0).toFixed(3)} | ${fmtBits(r.versusBase?.[p.label]?.bitsPerChar)} |`
        : `| ${p.label} | not reached: cut ${pc(p.validationCut).toFixed(1)}% at lambda ${p.lambda} | | | | | | | | |`),
      '',
      `Random-subspace control (${d.draws} draws, ${d.reached} reaching the cut; mean and range over draws; knowledge on the first ${P.controlKnowledgeItems} items, bits/char on the first ${P.controlWindows} windows, each against the base on the same ones): lambda ${range(d.lambda, (x) => x.toFixed(2))}, validation cut ${range(d.validationCut, (x) => `${pc(x).toFixed(0)}%`)}, knowledge ${range(d.knowledge, (x) => `${pc(x).toFixed(1)}%`)} (vs base ${range(d.knowledgeVsBase, (x) => `${pc(x) >= 0 ? '+' : ''}${pc(x).toFixed(1)}`)} points), bits/char vs base ${range(d.bitsVsBase, (x) => signedBits(x))}.`,
      `The controls' test toxicity is sampled on other rows (${P.controlTestSamples} per prompt) than the base's (${P.testSamples} per prompt), so its level is not comparable with the base's; their cut is paired on validation rows. Random draws: test toxicity ${range(d.testToxicity, (x) => `${pc(x).toFixed(1)}%`)}.`,
      '',
      'The curve (lambda, validation cut, knowledge on the first items, bits/char on half the windows), at the points the bisection visited:',
      ...Object.entries(r.curves ?? {}).map(([k, c]) => `- ${k}: ${c.map((x) => `${x.lambda.toFixed(2)}: ${pc(x.validationCut).toFixed(0)}% / ${pc(x.knowledge).toFixed(1)}% / ${x.bitsPerChar.toFixed(3)}`).join('; ')}`),
    );
  }
  out.push('', `Wall time of this run: ${Math.round(r.seconds)} s (items already in the evaluation's cache, such as those npm run eval:detox:parallel's shards measured, are read, not timed).`);
  return out.join('\n');
}

/**
 * Writes <dir>/results/detox.json, its served copy <publicDir>/data/detox/results.json and the Detox
 * section of <dir>/results.md.
 */
export function writeDetoxReport(r: DetoxReport, _manifest: unknown, dir = 'docs', status: ReportStatus = 'measured', publicDir = dir === 'docs' ? 'public' : `${dir}/public`): void {
  const text = `${JSON.stringify(detoxJson(r, status), null, 1)}\n`;
  for (const path of [`${dir}/results/detox.json`, `${publicDir}/${SERVED_RESULTS}`]) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  writeResultsSection(`${dir}/results.md`, resultsSection(r, status));
}
