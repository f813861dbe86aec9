/**
 * Writes docs/results/style.json (the numbers behind the page and the docs) and the "Style demo"
 * section of docs/results.md, leaving other sections alone. Every sentence that states a finding
 * is computed from the numbers.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { StyleFamilyName } from '../../lib/datasets/style/styles';
import type { StyleManifest } from '../../lib/style/style-manifest';
import type { BootstrapResult } from '../../lib/stats/paired-bootstrap';
import { premiseVerdict } from '../../lib/style/house-dose';
import { C_GRID, GAMMA_GRID, KEEP, DECOMPOSITION, PREMISE_MARGIN, type FamilyResult } from './eval-family';

type Family = FamilyResult & { sampler: { steps: number; guidance: number }; cost: Record<string, number> };

const PREMISE_METRIC = 'dose of the house change (the paper tint of the background, read on pixels no stroke, badge or underline touches; 100% = applied once): naive sum θ₀ + τ_A + τ_B minus the mean of the two single styles, in % of one application';
const BORDER_METRIC = 'ΔE (CIE76) over the two outer pixel rings: naive sum θ₀ + τ_A + τ_B minus the mean of the two single styles, each against its own ground truth';
const pct = (b: BootstrapResult) => ({ value: 100 * b.estimate, ci95: [100 * b.ci95[0], 100 * b.ci95[1]] as [number, number] });
const PRIMARY = `whole-image ΔE (CIE76) to the ground truth: unique-only mixing θ₀ + γ·τ_S + unique_A + unique_B minus the best scaled naive sum θ₀ + c·(τ_A + τ_B), c and γ tuned on validation icons`;

const headline = (f: Family) => ({
  premise: {
    metric: PREMISE_METRIC, ...pct(f.premise), holds: premiseVerdict(f.premise.ci95, PREMISE_MARGIN) === 'holds',
    verdict: premiseVerdict(f.premise.ci95, PREMISE_MARGIN), margin: 100 * PREMISE_MARGIN, units: '% of one house change',
    // The first definition, kept beside the one that replaced it (docs/style-models.md, "Premise").
    previous: { metric: BORDER_METRIC, value: f.borderPremise.estimate, ci95: f.borderPremise.ci95, holds: f.borderPremise.ci95[0] > 0, units: 'ΔE' },
  },
  primary: { comparison: PRIMARY, estimate: f.primary.estimate, ci95: f.primary.ci95 },
});

export function styleJson(results: Record<StyleFamilyName, Family>, manifest: StyleManifest) {
  const p = results.planted, s = results.sibling;
  return {
    ...headline(p),
    sibling: headline(s),
    units: 'premise: % of one house change (holds when its interval is above the margin, absent when inside ±margin); primary: CIE76 ΔE (1 ≈ a just-noticeable difference), negative = unique-only mixing is closer to the ground truth',
    setup: {
      testIcons: manifest.evalClasses.length, testSeeds: p.cells.test / manifest.evalClasses.length, validationIcons: manifest.validationClasses.length, validationCells: p.cells.val,
      controlCells: p.cells.control, siblingControlCells: s.cells.control, sampler: p.sampler, cGrid: C_GRID, gammaGrid: GAMMA_GRID, keep: KEEP, decomposition: DECOMPOSITION,
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
const kept = (r: [number, number]) => (Math.min(...r) >= KEEP ? 'yes' : 'no');

function familySection(name: string, f: Family): string[] {
  const lines = [`### ${name}`, ''];
  lines.push('| Single style | Score | ΔE | ΔE border | Ink-map match |', '|---|---|---|---|---|');
  for (const [s, r] of Object.entries(f.singles)) lines.push(`| ${s} | ${f2((r.test.scores as Record<string, number>)[s])} | ${f2(r.test.deltaE)} | ${f2(r.test.borderDeltaE)} | ${f2(r.test.quality)} |`);
  lines.push('', '| Pair | c | γ | Naive (c = 1) ΔE / border / kept | Best naive ΔE / kept | Unique-only ΔE / kept | House dose: singles, naive (c = 1), best naive, unique-only | Premise (dose, % of one) | First premise (border ΔE) | Primary (unique-only − best naive) | Shared matrices, energy |', `|${'---|'.repeat(11)}`);
  const dosePct = (x: number) => `${(100 * x).toFixed(0)}%`;
  for (const p of f.pairs) {
    const t = p.test;
    lines.push(`| ${p.combo} | ${p.tuning.c.value} | ${p.tuning.gamma.value} | ${f2(t.naive1.deltaE)} / ${f2(t.naive1.borderDeltaE)} / ${kept(t.naive1.ratios)} | ${f2(t.naive.deltaE)} / ${kept(t.naive.ratios)} | ${f2(t.method.deltaE)} / ${kept(t.method.ratios)} | ${t.singlesDose.map(dosePct).join(', ')}; ${dosePct(t.naive1.dose)}; ${dosePct(t.naive.dose)}; ${dosePct(t.method.dose)} | ${ci(scaled(p.premise))} | ${ci(p.borderPremise)} | ${ci(p.primary)} | ${p.shared.withShared}/${p.shared.matrices}, ${(100 * p.shared.meanSharedEnergy).toFixed(0)}% |`);
  }
  const v = premiseVerdict(f.premise.ci95, PREMISE_MARGIN);
  lines.push(
    '',
    `Premise, over the pairs: the naive sum carries ${ci(scaled(f.premise))}% of one house change more than the single styles: ${v === 'holds' ? `holds (above the ${100 * PREMISE_MARGIN}% margin)` : v === 'absent' ? `absent (inside ±${100 * PREMISE_MARGIN}%)` : `inconclusive (neither above ${100 * PREMISE_MARGIN}% nor inside ±${100 * PREMISE_MARGIN}%)`}.`,
    `First premise definition (border ΔE, naive sum minus single styles), over the pairs: ${ci(f.borderPremise)} ΔE: ${f.borderPremise.ci95[0] > 0 ? 'above 0' : 'not above 0'}.`,
    `Primary, over the pairs: ${ci(f.primary)} ΔE: ${sign(f.primary, 'unique-only mixing is closer to the ground truth than the best scaled naive sum', 'the best scaled naive sum is closer to the ground truth than unique-only mixing')}.`,
    `Styles kept (both ≥ ${KEEP} of single) by unique-only mixing on ${f.pairs.filter((p) => kept(p.test.method.ratios) === 'yes').length}/${f.pairs.length} pairs, by the best scaled naive sum on ${f.pairs.filter((p) => kept(p.test.naive.ratios) === 'yes').length}/${f.pairs.length}.`,
    '',
    `Controls (exploratory; the first ${f.cells.control} test icons x seed 0 per setting; same γ, shared subspace replaced):`,
    '',
    '| Pair | Unique-only | Best naive | Top-s singular | Energy-matched | Random (mean, min–max) | Layers above chance (p95 of the null) |',
    `|${'---|'.repeat(7)}`,
  );
  for (const p of f.pairs) {
    const c = p.controls;
    if (!c || !p.nullModel) {
      lines.push(`| ${p.combo} | not run | | | | | |`);
      continue;
    }
    const above = p.nullModel.filter((l) => l.sharedDim > l.chanceP95).length;
    lines.push(`| ${p.combo} | ${f2(c.method.deltaE)} | ${f2(c.naive.deltaE)} | ${f2(c.topSingular.deltaE)} | ${f2(c.energyMatched.deltaE)} | ${f2(c.random.mean)} (${f2(c.random.min)}–${f2(c.random.max)}, ${c.random.draws} draws) | ${above}/${p.nullModel.length} |`);
  }
  lines.push('', `Cost: ${(f.cost.wallSeconds / 60).toFixed(1)} min wall, ${(f.cost.cpuSeconds / 60).toFixed(1)} min CPU, ${f.cost.denoiserRows} denoiser rows (${f.cost.rowsPerCpuSecond.toFixed(0)} per CPU second).`, '');
  return lines;
}

export function writeStyleReport(results: Record<StyleFamilyName, Family>, manifest: StyleManifest, modelsDir: string, path = 'docs/results.md'): void {
  const json = styleJson(results, manifest);
  mkdirSync('docs/results', { recursive: true });
  writeFileSync('docs/results/style.json', JSON.stringify(json, null, 1) + '\n');
  const p = results.planted, tr = manifest.training as { baseStepsReached?: number; seconds?: { base: number; planted: number; sibling: number } };
  const body = [
    `Tiny DiT flow-matching denoiser on 16x16 tabler icons (models: \`${modelsDir}\`, docs/style-models.md). Base: ${tr.baseStepsReached} steps (${((tr.seconds?.base ?? 0) / 60).toFixed(1)} min).`,
    `Two families of style fine-tunes (${manifest.styles.map((s) => s.name).join(', ')}; ${manifest.styles[0].steps} steps each): **planted** (every fine-tuning render carries a uniform paper tint of the background, the house change; ${((tr.seconds?.planted ?? 0) / 60).toFixed(1)} min) and **sibling** (the same without it; ${((tr.seconds?.sibling ?? 0) / 60).toFixed(1)} min).`,
    `Test: ${json.setup.testIcons} icons no fine-tune saw x ${json.setup.testSeeds} noise seeds (${p.cells.test} samples per setting); c and γ tuned on ${json.setup.validationIcons} other icons x 2 seeds. ${p.sampler.steps} Euler steps, guidance ${p.sampler.guidance}. Produced by \`npm run eval:style\`.`,
    `ΔE: mean CIE76 colour difference to the ground-truth render of the same icon in the target combination, every pixel (border: the two outer rings). House dose: how many times a sample carries the house change on the pixels no stroke, badge or underline touches (lib/style/house-dose.ts; 100% = once). The premise was redefined from border ΔE to the dose after the first evaluation (docs/style-models.md, "Premise"); both are reported. Intervals: ${json.setup.bootstrap}. Kept: both styles ≥ ${KEEP} of their single-style scores. Grids: c ∈ {${C_GRID.join(', ')}}, γ ∈ {${GAMMA_GRID.join(', ')}}.`,
    '',
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
