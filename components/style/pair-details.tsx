'use client';
import results from '@/docs/results/style.json';
import { formatInterval, type PairResult, type StyleResults } from '@/lib/demos/style/style-results';

const data = results as unknown as StyleResults;
const f2 = (x: number) => x.toFixed(2);
/** The house-dose premise in % (results that predate it carry the border ΔE only, shown as such). */
const premiseCell = (p: PairResult) =>
  p.borderPremise ? formatInterval(100 * p.premise.estimate, [100 * p.premise.ci95[0], 100 * p.premise.ci95[1]]) : `${formatInterval(p.premise.estimate, p.premise.ci95)} ΔE (border)`;

const dose = (x?: number) => (x === undefined ? '–' : `${(100 * x).toFixed(0)}%`);

function Row({ family, p }: { family: string; p: PairResult }) {
  const kept = (r: number[]) => (Math.min(...r) >= data.setup.keep ? 'styles kept' : 'a style lost');
  const t = p.test, tuned = t.tunedGamma;
  return (
    <tr className="border-t border-zinc-200 dark:border-zinc-800">
      <th className="pr-3 text-left font-medium">{family}</th>
      <td className="pr-3 tabular-nums">{premiseCell(p)}</td>
      <td className="pr-3 tabular-nums">
        {f2(t.naive.deltaE)} (c = {p.tuning.c.value}, {kept(t.naive.ratios)}, dose {dose(t.naive1.dose)} at c = 1)
      </td>
      <td className="pr-3 tabular-nums">
        {f2(t.method.deltaE)} ({kept(t.method.ratios)}, dose {dose(t.method.dose)})
      </td>
      <td className="pr-3 tabular-nums">{formatInterval(p.primary.estimate, p.primary.ci95)}</td>
      <td className="tabular-nums">
        {tuned ? `${f2(tuned.deltaE)} (γ = ${tuned.gamma}${tuned.equalsNaive ? ': the naive sum itself' : ''})` : `γ = ${p.tuning.gamma.value}`}
      </td>
    </tr>
  );
}

/** The evaluation's rows for the chosen styles (a pair or all three) in both families, and each family's null model per layer. */
export function PairDetails({ styles }: { styles: string[] }) {
  const combo = styles.join('+');
  const find = (f: 'planted' | 'sibling') => [...data.families[f].pairs, ...(data.families[f].triple ? [data.families[f].triple!] : [])].find((p) => p.combo === combo);
  const planted = find('planted'), sibling = find('sibling');
  if (!planted || !sibling) return <p className="text-sm">The evaluation has no row for {combo}.</p>;
  return (
    <div className="space-y-4" data-testid="pair-details">
      <div className="overflow-x-auto">
        <table className="text-sm">
          <thead>
            <tr className="text-left text-zinc-600 dark:text-zinc-400">
              <th className="pr-3">{combo}</th>
              <th className="pr-3">Baseline premise (extra house change, %)</th>
              <th className="pr-3">Best scaled naive ΔE</th>
              <th className="pr-3">Primary: unique + shared once (γ = 1) ΔE</th>
              <th className="pr-3">Primary − naive</th>
              <th>Secondary: γ tuned, ΔE</th>
            </tr>
          </thead>
          <tbody>
            <Row family="Planted" p={planted} />
            <Row family="Sibling" p={sibling} />
          </tbody>
        </table>
      </div>
      <p className="max-w-3xl text-xs text-zinc-600 dark:text-zinc-400">
        Styles kept: every chosen style scores at least {data.setup.keep} of its single-style score (the style detectors); a style
        lost: at least one falls below. Dose: how many times the samples carry the paper tint on the pixels no style touches (100% =
        once, as in the ground truth). For k styles, γ = k with every β = 1 is exactly the naive sum, so a tuned γ there compares the
        naive sum with itself. These rows are the evaluation&apos;s ({data.setup.testIcons} test icons x {data.setup.testSeeds} seeds, coefficients tuned on validation); the
        live grids above draw a few icons at the page&apos;s current settings, so their ΔE differs.
      </p>
      <NullModel family="Planted" testId="null-model" layers={planted.nullModel ?? []} />
      <NullModel family="Sibling" testId="null-model-sibling" layers={sibling.nullModel ?? []} />
    </div>
  );
}

/** Observed shared dimension per weight matrix against random subspaces of the same ranks. */
function NullModel({ family, testId, layers }: { family: string; testId: string; layers: PairResult['nullModel'] & object }) {
  if (!layers.length) return <p className="text-sm">{family} family: the null model was not run for this pair.</p>;
  return (
    <details>
      <summary className="cursor-pointer text-sm font-medium">
        {family} family: shared dimensions per layer against chance ({layers.filter((l) => l.sharedDim > l.chanceP95).length} of {layers.length} above the null&apos;s 95th percentile)
      </summary>
      <div className="overflow-x-auto">
        <table className="mt-2 text-xs tabular-nums" data-testid={testId}>
          <thead>
            <tr className="text-left text-zinc-600 dark:text-zinc-400">
              <th className="pr-3">Weight matrix</th>
              <th className="pr-3">d</th>
              <th className="pr-3">Ranks</th>
              <th className="pr-3">Shared</th>
              <th className="pr-3">Random subspaces: mean</th>
              <th>95th pct.</th>
            </tr>
          </thead>
          <tbody>
            {layers.map((l) => (
              <tr key={l.name} className={l.sharedDim > l.chanceP95 ? 'font-semibold' : ''}>
                <td className="pr-3">{l.name}</td>
                <td className="pr-3">{l.dim}</td>
                <td className="pr-3">{l.ranks.join(', ')}</td>
                <td className="pr-3">{l.sharedDim}</td>
                <td className="pr-3">{f2(l.chanceMean)}</td>
                <td>{l.chanceP95}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
