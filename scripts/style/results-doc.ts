/**
 * Writes docs/results/style.json (the numbers behind the page and the docs) and the "Style demo"
 * section of docs/results.md, leaving other sections alone. Every sentence that states a finding
 * is computed from the numbers.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { StyleFamilyName } from '../../lib/demos/style/dataset/styles';
import type { StyleManifest } from '../../lib/demos/style/style-manifest';
import type { BootstrapResult } from '../../lib/stats/paired-bootstrap';
import { premiseVerdict } from '../../lib/demos/style/house-dose';
import { C_GRID, GAMMA_STEPS, KEEP, DECOMPOSITION, PREMISE_MARGIN, PRIMARY_GAMMA, type FamilyResult } from './eval-family';
import type { MethodPremise } from './method-premise';

/** The protocol committed before the evaluation ran (docs/style-protocol.md). */
export const STYLE_PROTOCOL = 'docs/style-protocol.md';
/** The primary form's house dose must lie within 100% ± this (docs/style-protocol.md). */
export const DOSE_TOLERANCE = 0.15;

type Family = FamilyResult & { sampler: { steps: number; guidance: number }; cost: Record<string, number> };

const PREMISE_METRIC = 'dose of the house change (the paper tint of the background, read on pixels no stroke, badge or underline touches; 100% = applied once): naive sum θ₀ + τ_A + τ_B minus the mean of the two single styles, in % of one application';
const BORDER_METRIC = 'ΔE (CIE76) over the two outer pixel rings: naive sum θ₀ + τ_A + τ_B minus the mean of the two single styles, each against its own ground truth';
const pct = (b: BootstrapResult) => ({ value: 100 * b.estimate, ci95: [100 * b.ci95[0], 100 * b.ci95[1]] as [number, number] });
const PRIMARY = `whole-image ΔE (CIE76) to the ground truth: the unique parts plus the shared part once, θ₀ + unique_A + unique_B + ${PRIMARY_GAMMA}·τ_S (γ = ${PRIMARY_GAMMA}, fixed before the run), minus the best scaled naive sum θ₀ + c·(τ_A + τ_B), c tuned on validation icons`;
const TUNED = 'secondary (exploratory): the same with γ tuned on validation icons from k·{0, 0.2, ..., 1}; its last point γ = k is the naive sum itself';

const headline = (f: Family) => ({
  premise: {
    metric: PREMISE_METRIC, ...pct(f.premise), holds: premiseVerdict(f.premise.ci95, PREMISE_MARGIN) === 'holds',
    verdict: premiseVerdict(f.premise.ci95, PREMISE_MARGIN), margin: 100 * PREMISE_MARGIN, units: '% of one house change',
    // The first definition, kept beside the one that replaced it (docs/style-models.md, "Premise").
    previous: { metric: BORDER_METRIC, value: f.borderPremise.estimate, ci95: f.borderPremise.ci95, holds: f.borderPremise.ci95[0] > 0, units: 'ΔE' },
  },
  primary: { comparison: PRIMARY, estimate: f.primary.estimate, ci95: f.primary.ci95 },
  kept: { primary: f.kept.primary, naive: f.kept.naive, pairs: f.kept.pairs },
  primaryDose: { metric: 'house dose of the primary form (100% = once), over the pairs', ...pct(f.primaryDose), tolerance: 100 * DOSE_TOLERANCE, within: Math.abs(f.primaryDose.ci95[0] - 1) <= DOSE_TOLERANCE && Math.abs(f.primaryDose.ci95[1] - 1) <= DOSE_TOLERANCE },
  tunedGamma: { comparison: TUNED, estimate: f.tunedGamma.estimate, ci95: f.tunedGamma.ci95, equalsNaive: f.pairs.filter((p) => p.tuning.gamma.equalsNaive).map((p) => p.combo) },
});

/** The method's premise as style.json carries it (planted family; the sibling beside it). */
const premiseJson = (m: MethodPremise) => ({
  metric: m.metric, value: 100 * m.value, ci95: [100 * m.ci95[0], 100 * m.ci95[1]] as [number, number], threshold: 100 * m.threshold, holds: m.holds, units: '% of the house change’s energy', chance: 100 * m.chance,
  sibling: { value: 100 * m.sibling.value, ci95: [100 * m.sibling.ci95[0], 100 * m.sibling.ci95[1]] as [number, number], chance: 100 * m.sibling.chance },
  decomposition: m.decomposition,
  layers: Object.fromEntries((['planted', 'sibling'] as const).map((f) => [f, m.families[f].combos.map((c) => ({
    styles: c.styles, share: c.share.map((x) => 100 * x), pooled: 100 * c.pooled, chance: 100 * c.chance,
    layers: c.layers.map((l) => ({ name: l.name, dim: l.dim, ranks: l.ranks, sharedDim: l.sharedDim, chanceMean: l.chanceMean, chanceP95: l.chanceP95, share: l.houseEnergy.map((e, i) => (e > 0 ? (100 * l.inShared[i]) / e : 0)), houseEnergy: l.houseEnergy })),
  }))])),
});

export function styleJson(results: Record<StyleFamilyName, Family>, manifest: StyleManifest, method: MethodPremise) {
  const p = results.planted, s = results.sibling;
  return {
    methodPremise: premiseJson(method),
    preregistered: STYLE_PROTOCOL,
    ...headline(p),
    sibling: headline(s),
    units: 'premise: % of one house change (holds when its interval is above the margin, absent when inside ±margin); primary: CIE76 ΔE (1 ≈ a just-noticeable difference), negative = unique-only mixing is closer to the ground truth',
    setup: {
      testIcons: manifest.evalClasses.length, testSeeds: p.cells.test / manifest.evalClasses.length, validationIcons: manifest.validationClasses.length, validationCells: p.cells.val,
      controlCells: p.cells.control, siblingControlCells: s.cells.control, sampler: p.sampler, cGrid: C_GRID, gammaGrid: 'k x ' + JSON.stringify(GAMMA_STEPS), primaryGamma: PRIMARY_GAMMA, keep: KEEP, decomposition: DECOMPOSITION,
      bootstrap: `paired, icons and seeds resampled independently, ${p.primary.resamples} draws`,
      house: manifest.house, cost: { planted: p.cost, sibling: s.cost },
    },
    families: { planted: p, sibling: s },
  };
}

const f2 = (x: number) => x.toFixed(2);
const ci = (b: BootstrapResult) => `${f2(b.estimate)} [${f2(b.ci95[0])}, ${f2(b.ci95[1])}]`;
const sign = (b: BootstrapResult, lower: string, higher: string) => (b.ci95[1] < 0 ? lower : b.ci95[0] > 0 ? higher : 'no difference the interval can resolve');
const scaled = (b: BootstrapResult): BootstrapResult => ({ ...b, estimate: 100 * b.estimate, ci95: [100 * b.ci95[0], 100 * b.ci95[1]] });
const kept = (r: number[]) => (Math.min(...r) >= KEEP ? 'yes' : 'no');

const pctOf = (x: number) => `${(100 * x).toFixed(0)}%`;
type Row = Family['pairs'][number];

function comboRow(p: Row): string {
  const t = p.test, k = p.pair.length, g = p.tuning.gamma.value;
  const gammaCell = `${g}${p.tuning.gamma.equalsNaive ? ` (= naive sum, γ = ${k})` : ''}`;
  return `| ${p.combo} | ${p.tuning.c.value} | ${gammaCell} | ${f2(t.naive1.deltaE)} / ${kept(t.naive1.ratios)} | ${f2(t.naive.deltaE)} / ${kept(t.naive.ratios)} | ${f2(t.method.deltaE)} / ${kept(t.method.ratios)} | ${f2(t.tunedGamma.deltaE)} / ${kept(t.tunedGamma.ratios)} | ${t.singlesDose.map(pctOf).join(', ')}; ${pctOf(t.naive1.dose)}; ${pctOf(t.naive.dose)}; ${pctOf(t.method.dose)} | ${ci(scaled(p.premise))} | ${ci(p.primary)} | ${ci(p.tunedGamma)} | ${t.method.ratios.map(f2).join(', ')} | ${p.shared.withShared}/${p.shared.matrices}, ${pctOf(p.shared.pooledSharedEnergy)} |`;
}

function controlRow(p: Row): string {
  const c = p.controls;
  if (!c || !p.nullModel) return `| ${p.combo} | not run | | | | | |`;
  const above = p.nullModel.filter((l) => l.sharedDim > l.chanceP95).length;
  return `| ${p.combo} | ${f2(c.method.deltaE)} | ${f2(c.naive.deltaE)} | ${f2(c.topSingular.deltaE)} | ${f2(c.energyMatched.deltaE)} | ${f2(c.random.mean)} (${f2(c.random.min)}–${f2(c.random.max)}, ${c.random.draws} draws) | ${above}/${p.nullModel.length} |`;
}

function familySection(name: string, f: Family): string[] {
  const lines = [`### ${name}`, ''];
  lines.push('| Single style | Score | ΔE | ΔE border | Ink-map match |', '|---|---|---|---|---|');
  for (const [s, r] of Object.entries(f.singles)) lines.push(`| ${s} | ${f2((r.test.scores as Record<string, number>)[s])} | ${f2(r.test.deltaE)} | ${f2(r.test.borderDeltaE)} | ${f2(r.test.quality)} |`);
  const rows = [...f.pairs, ...(f.triple ? [f.triple] : [])];
  lines.push(
    '',
    `| Styles | c | γ tuned (secondary) | Naive (c = 1) ΔE / kept | Best naive ΔE / kept | **Primary** (γ = ${PRIMARY_GAMMA}) ΔE / kept | Tuned γ ΔE / kept | House dose: singles; naive (c = 1); best naive; primary | Premise (dose, % of one) | **Primary − best naive** | Tuned γ − best naive | Primary: style scores / single | Shared matrices, pooled energy |`,
    `|${'---|'.repeat(13)}`,
    ...rows.map(comboRow),
  );
  const v = premiseVerdict(f.premise.ci95, PREMISE_MARGIN);
  const d = f.primaryDose, doseOk = Math.abs(d.ci95[0] - 1) <= DOSE_TOLERANCE && Math.abs(d.ci95[1] - 1) <= DOSE_TOLERANCE;
  lines.push(
    '',
    `Premise, over the pairs: the naive sum carries ${ci(scaled(f.premise))}% of one house change more than the single styles: ${v === 'holds' ? `holds (above the ${100 * PREMISE_MARGIN}% margin)` : v === 'absent' ? `absent (inside ±${100 * PREMISE_MARGIN}%)` : `inconclusive (neither above ${100 * PREMISE_MARGIN}% nor inside ±${100 * PREMISE_MARGIN}%)`}.`,
    `**Primary** (pre-registered, ${STYLE_PROTOCOL}), over the pairs: unique parts + the shared part once minus the best scaled naive sum, ${ci(f.primary)} ΔE: ${sign(f.primary, 'the primary form is closer to the ground truth than the best scaled naive sum', 'the best scaled naive sum is closer to the ground truth than the primary form')}.`,
    `House dose of the primary form, over the pairs: ${ci(scaled(d))}% of once: ${doseOk ? `within 100 ± ${100 * DOSE_TOLERANCE}%` : `not within 100 ± ${100 * DOSE_TOLERANCE}%`}.`,
    `Styles kept (every style ≥ ${KEEP} of its single-style score) by the primary form on ${f.kept.primary}/${f.kept.pairs} pairs, by the best scaled naive sum on ${f.kept.naive}/${f.kept.pairs}.`,
    `Secondary (γ tuned; exploratory), over the pairs: ${ci(f.tunedGamma)} ΔE; tuning picked the naive sum itself (γ = k) on ${f.pairs.filter((p) => p.tuning.gamma.equalsNaive).length}/${f.pairs.length} pairs${f.triple ? ` and ${f.triple.tuning.gamma.equalsNaive ? 'on' : 'not on'} the three-style mix` : ''}.`,
    `First premise definition (border ΔE, naive sum minus single styles), over the pairs: ${ci(f.borderPremise)} ΔE.`,
    '',
    `Controls (exploratory; the first ${f.cells.control} test icons x seed 0 per setting; the primary form with the shared subspace replaced):`,
    '',
    '| Styles | Primary | Best naive | Top-s singular | Energy-matched | Random (mean, min–max) | Layers above chance (p95 of the null) |',
    `|${'---|'.repeat(7)}`,
    ...rows.map(controlRow),
    '',
    `Cost: ${(f.cost.wallSeconds / 60).toFixed(1)} min wall, ${(f.cost.cpuSeconds / 60).toFixed(1)} min CPU, ${f.cost.denoiserRows} denoiser rows (${f.cost.rowsPerCpuSecond.toFixed(0)} per CPU second).`,
    '',
  );
  return lines;
}

/** The method's premise per family and, for the planted pairs, per layer. */
function premiseSection(m: MethodPremise): string[] {
  const share = (x: number) => `${(100 * x).toFixed(1)}%`;
  const lines = [
    '### The method’s premise (before any sampling)',
    '',
    `Share of each style vector’s house change (planted minus sibling fine-tune of the same style, seed and steps) that lies in the shared subspace Z of its combination, pooled over all ${m.families.planted.combos[0].layers.length} matrices (\`npm run premise:style\`; ρ = ${m.decomposition.energy}, η = ${m.decomposition.eta}, ${m.decomposition.side ?? 'left'} side). Chance: what a random subspace of the same dimension per matrix would hold. Interval: matrices resampled.`,
    '',
    '| Family | Pooled over the pairs | Chance | red+badge | red+underline | badge+underline | all three |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const f of ['planted', 'sibling'] as const) {
    const r = m.families[f];
    lines.push(`| ${f} | ${share(r.pairs.estimate)} [${share(r.pairs.ci95[0])}, ${share(r.pairs.ci95[1])}] | ${share(r.chance)} | ${r.combos.map((c) => `${c.share.map(share).join(' / ')} (chance ${share(c.chance)})`).join(' | ')} |`);
  }
  lines.push('', `Method premise (planted, threshold ${share(m.threshold)}): ${share(m.value)} [${share(m.ci95[0])}, ${share(m.ci95[1])}]: ${m.holds ? 'holds' : 'does not hold'}.`, '');
  const planted = m.families.planted.combos.filter((c) => c.styles.length === 2);
  lines.push(`| Matrix (planted) | d | ${planted.map((c) => `${c.styles.join('+')}: s (null p95) / house in Z`).join(' | ')} |`, `|${'---|'.repeat(2 + planted.length)}`);
  planted[0].layers.forEach((l, j) => lines.push(`| ${l.name} | ${l.dim} | ${planted.map((c) => `${c.layers[j].sharedDim} (${c.layers[j].chanceP95}) / ${c.layers[j].inShared.map((e, i) => share(e / Math.max(1e-30, c.layers[j].houseEnergy[i]))).join(', ')}`).join(' | ')} |`));
  lines.push('');
  return lines;
}

export function writeStyleReport(results: Record<StyleFamilyName, Family>, manifest: StyleManifest, modelsDir: string, method: MethodPremise, path = 'docs/results.md'): void {
  const json = styleJson(results, manifest, method);
  mkdirSync('docs/results', { recursive: true });
  writeFileSync('docs/results/style.json', JSON.stringify(json, null, 1) + '\n');
  const p = results.planted, tr = manifest.training as { baseStepsReached?: number; seconds?: { base: number; house?: number; planted: number; sibling: number }; houseStage?: { steps: number } };
  const body = [
    `Tiny DiT flow-matching denoiser on 16x16 tabler icons (models: \`${modelsDir}\`, docs/style-models.md). Base: ${tr.baseStepsReached} steps (${((tr.seconds?.base ?? 0) / 60).toFixed(1)} min).`,
    `Two families of style fine-tunes (${manifest.styles.map((s) => s.name).join(', ')}; ${manifest.styles[0].steps} steps each): **planted** (the house change, a uniform paper tint of the background, planted in a common house fine-tune of ${tr.houseStage?.steps ?? 0} steps (${((tr.seconds?.house ?? 0) / 60).toFixed(1)} min) that every planted style starts from, and in every planted fine-tuning render; ${((tr.seconds?.planted ?? 0) / 60).toFixed(1)} min) and **sibling** (the same without it; ${((tr.seconds?.sibling ?? 0) / 60).toFixed(1)} min).`,
    `Test: ${json.setup.testIcons} icons no fine-tune saw x ${json.setup.testSeeds} noise seeds (${p.cells.test} samples per setting); c and γ tuned on ${json.setup.validationIcons} other icons x 2 seeds. ${p.sampler.steps} Euler steps, guidance ${p.sampler.guidance}. Produced by \`npm run eval:style\`.`,
    `Protocol, committed before the run: ${STYLE_PROTOCOL}. Primary form: the unique parts plus the shared part once (γ = ${PRIMARY_GAMMA}), against the best scaled naive sum c·Σ τ_i, c tuned on validation from {${C_GRID.join(', ')}}. Secondary: γ tuned from k·{${GAMMA_STEPS.join(', ')}}; for k styles γ = k IS the naive sum and is labelled so.`,
    `ΔE: mean CIE76 colour difference to the ground-truth render of the same icon in the target combination, every pixel. House dose: how many times a sample carries the house change on the pixels no stroke, badge or underline touches (lib/demos/style/house-dose.ts; 100% = once). Intervals: ${json.setup.bootstrap}. Kept: every style ≥ ${KEEP} of its single-style score.`,
    '',
    ...premiseSection(method),
    ...familySection('Planted family (house change in every fine-tune)', results.planted),
    ...familySection('Sibling family (no house change: the negative control)', results.sibling),
  ].join('\n');
  const section = `## Style demo\n\n${body.trim()}\n`;
  // Re-read right before writing: other sections may have changed since the evaluation started.
  const old = existsSync(path) ? readFileSync(path, 'utf8') : '# Results\n';
  const start = old.indexOf('## Style demo');
  const next = start >= 0 ? old.indexOf('\n## ', start + 5) : -1;
  writeFileSync(path, start < 0 ? `${old.trimEnd()}\n\n${section}` : `${old.slice(0, start)}${section}${next >= 0 ? '\n' + old.slice(next + 1) : ''}`);
}
