'use client';
import results from '@/docs/results/style.json';
import { formatInterval, premiseWords, type StyleResults, verdict } from '@/lib/demos/style/style-results';
import { MethodPremise } from './method-premise';

const data = results as unknown as StyleResults;

function FamilyRow({ name, testId, h }: { name: string; testId: string; h: StyleResults['sibling'] }) {
  return (
    <tr className="border-t border-zinc-200 dark:border-zinc-800" data-testid={testId}>
      <th className="py-1 pr-3 text-left font-medium">{name}</th>
      <td className="pr-3 tabular-nums" data-testid={`${testId}-premise`}>
        {formatInterval(h.premise.value, h.premise.ci95)}
      </td>
      <td className="pr-3">{premiseWords(h.premise)}</td>
      <td className="pr-3 tabular-nums" data-testid={`${testId}-primary`}>
        {formatInterval(h.primary.estimate, h.primary.ci95)}
      </td>
      <td className="pr-3">{verdict(h.primary.ci95)}</td>
      <td className="pr-3 tabular-nums" data-testid={`${testId}-dose`}>
        {h.primaryDose ? `${formatInterval(h.primaryDose.value, h.primaryDose.ci95)}${h.primaryDose.within ? '' : ' (outside 100 ± ' + h.primaryDose.tolerance + '%)'}` : ''}
      </td>
      <td className="tabular-nums" data-testid={`${testId}-kept`}>
        {h.kept ? `${h.kept.primary}/${h.kept.pairs} vs ${h.kept.naive}/${h.kept.pairs}` : ''}
      </td>
    </tr>
  );
}

/** The method's premise, the baseline's premise and the pre-registered primary comparison, as `npm run eval:style` measured them. */
export function StyleEvidence() {
  const s = data.setup;
  return (
    <section className="space-y-3" data-tour="style-evidence">
      <h2 className="text-xl font-semibold">What the evaluation measured</h2>
      {data.methodPremise && <MethodPremise m={data.methodPremise} />}
      <div className="overflow-x-auto">
        <table className="text-sm">
          <thead>
            <tr className="text-left text-zinc-600 dark:text-zinc-400">
              <th className="pr-3">Family</th>
              <th className="pr-3">Baseline premise: extra house change in the naive sum, % of one</th>
              <th className="pr-3" />
              <th className="pr-3">Primary: ΔE, unique + shared once (γ = 1) − best scaled naive</th>
              <th className="pr-3" />
              <th className="pr-3">House dose of the primary form, % of once</th>
              <th>Styles kept: primary vs naive</th>
            </tr>
          </thead>
          <tbody>
            <FamilyRow name="Planted (house change)" testId="evidence-planted" h={data} />
            <FamilyRow name="Sibling (no house change)" testId="evidence-sibling" h={data.sibling} />
          </tbody>
        </table>
      </div>
      {data.tunedGamma && (
        <p className="max-w-3xl text-sm" data-testid="evidence-secondary">
          Secondary (exploratory): with γ tuned on validation icons instead of fixed at 1, the difference is{' '}
          {formatInterval(data.tunedGamma.estimate, data.tunedGamma.ci95)} ΔE on the planted family
          {data.tunedGamma.equalsNaive.length ? `; on ${data.tunedGamma.equalsNaive.join(', ')} tuning picked γ = k, which is the naive sum itself` : ''}.
        </p>
      )}
      <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
        ΔE is the CIE76 colour difference to the ground-truth render of the same icon in the target styles, averaged over every
        pixel ({s.testIcons} test icons × {s.testSeeds} noise seeds, {s.sampler.steps} sampler steps), over the three pairs. The
        baseline premise asks whether the naive sum applies the planted paper tint more than once, read on the pixels no stroke,
        badge or underline touches (100% more would be the tint applied twice); the house dose of the primary form should be
        about once ({data.primaryDose ? `100 ± ${data.primaryDose.tolerance}%` : '100%'}). Styles kept: pairs on which every style
        stays at ≥ {s.keep} of its single-style score. The scaled naive sum c·(τ_A + τ_B) was tuned on {s.validationIcons} other
        icons. Intervals: 95%, {s.bootstrap}.{data.preregistered ? ` The primary form and these criteria were fixed in ${data.preregistered} before the run.` : ''} Numbers
        from docs/results/style.json.
      </p>
    </section>
  );
}

