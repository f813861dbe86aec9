'use client';
import results from '@/docs/results/style.json';
import { formatInterval, premiseWords, type StyleResults, verdict } from '@/lib/style/style-results';

const data = results as unknown as StyleResults;

function FamilyRow({ name, testId, h }: { name: string; testId: string; h: StyleResults['sibling'] }) {
  return (
    <tr className="border-t border-zinc-200 dark:border-zinc-800" data-testid={testId}>
      <th className="py-1 pr-3 text-left font-medium">{name}</th>
      <td className="pr-3 tabular-nums" data-testid={`${testId}-premise`}>
        {formatInterval(h.premise.value, h.premise.ci95)}
      </td>
      <td className="pr-3">{premiseWords(h.premise)}</td>
      <td className="pr-3 tabular-nums" data-testid={`${testId}-premise-border`}>
        {h.premise.previous ? formatInterval(h.premise.previous.value, h.premise.previous.ci95) : ''}
      </td>
      <td className="pr-3 tabular-nums" data-testid={`${testId}-primary`}>
        {formatInterval(h.primary.estimate, h.primary.ci95)}
      </td>
      <td>{verdict(h.primary.ci95)}</td>
    </tr>
  );
}

/** The premise check and the primary comparison, as `npm run eval:style` measured them. */
export function StyleEvidence() {
  const s = data.setup;
  return (
    <section className="space-y-3" data-tour="style-evidence">
      <h2 className="text-xl font-semibold">What the evaluation measured</h2>
      <table className="text-sm">
        <thead>
          <tr className="text-left text-zinc-600 dark:text-zinc-400">
            <th className="pr-3">Family</th>
            <th className="pr-3">{data.premise.previous ? 'Premise: extra house change in the naive sum, % of one' : 'Premise: border ΔE, naive − single'}</th>
            <th className="pr-3" />
            <th className="pr-3">First premise: border ΔE, naive − single</th>
            <th className="pr-3">Primary: ΔE, unique-only − best naive</th>
            <th />
          </tr>
        </thead>
        <tbody>
          <FamilyRow name="Planted (house change)" testId="evidence-planted" h={data} />
          <FamilyRow name="Sibling (no house change)" testId="evidence-sibling" h={data.sibling} />
        </tbody>
      </table>
      <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
        ΔE is the CIE76 colour difference to the ground-truth render of the same icon in the target styles, averaged over every
        pixel ({s.testIcons} test icons × {s.testSeeds} noise seeds, {s.sampler.steps} sampler steps). The premise asks whether the
        naive sum applies the planted paper tint more than once: how much of that change it carries beyond the single
        styles, read on the pixels no stroke, badge or underline touches (100% more would be the change applied twice). It replaced a first definition, the
        naive sum&apos;s extra colour error on the two outer pixel rings, which also counted the badge and underline drawn there and
        speckle, so it was above zero on the sibling family too; both are shown. Intervals: 95%, {s.bootstrap}. The scaled naive sum c·(τ_A + τ_B) and γ were each tuned on {s.validationIcons} other icons. Numbers from
        docs/results/style.json.
      </p>
    </section>
  );
}
