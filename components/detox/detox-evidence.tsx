'use client';
import { useResultsFile } from '@/hooks/use-results-file';
import { TradeOffChart } from '@/components/charts/trade-off-chart';
import { ci95, DETOX_RESULTS_URL, detoxEvidenceSchema, type MeasuredDetoxEvidence, measuredTradeOff, pct, primaryVerdict, signedBits } from '@/lib/detox/detox-evidence';

/**
 * The measured evidence behind the demo: the premise gate and the primary comparison from
 * docs/results/detox.json, and the trade-off chart from its points once measured.
 */
export function DetoxEvidencePanel({ url = DETOX_RESULTS_URL }: { url?: string }) {
  const { data, error } = useResultsFile(url, detoxEvidenceSchema);
  if (error) return <p role="alert">The measured results could not be loaded: {error}</p>;
  if (!data) return <p>Loading the measured results…</p>;
  return (
    <section className="space-y-3" data-testid="detox-evidence" data-status={data.status}>
      <h2 className="text-xl font-semibold">What the evaluation measured (npm run eval:detox)</h2>
      {data.status === 'not measured' ? (
        <>
          <ul className="list-disc space-y-1 pl-6">
            <li>
              Premise gate (base toxicity ≥ {data.premise.threshold}%, lower end of its 95% interval): <strong data-testid="premise">not measured yet</strong>.
            </li>
            <li>
              Primary comparison ({data.primary.comparison}): <strong data-testid="primary">not measured yet</strong>.
            </li>
          </ul>
          <p className="max-w-3xl text-sm" data-testid="evidence-note">{data.note}</p>
        </>
      ) : (
        <Measured e={data} />
      )}
      {data.status !== 'not measured' && <TradeOffChart data={measuredTradeOff(data)} />}
    </section>
  );
}

function Measured({ e }: { e: MeasuredDetoxEvidence }) {
  const p = e.premise, q = e.primary;
  return (
    <>
      {e.status === 'dry run' && (
        <p role="note" className="font-semibold" data-testid="dry-run">
          Dry run with small sample counts ({e.generatedBy}): it tests the pipeline, and none of these numbers is a finding.
        </p>
      )}
      <ul className="list-disc space-y-1 pl-6">
        <li>
          Premise gate: base toxicity <strong data-testid="premise">{pct(p.value)}</strong>% <span data-testid="premise-ci">{ci95(p.ci95)}</span>; the gate
          (lower end ≥ {p.threshold}%) <strong data-testid="premise-holds">{p.holds ? 'holds' : 'does not hold'}</strong>.
        </li>
        <li>
          Primary comparison, {q.comparison}:{' '}
          {q.estimate !== null && q.ci95 ? (
            <>
              <strong data-testid="primary">{pct(q.estimate, true)}</strong> points <span data-testid="primary-ci">{ci95(q.ci95)}</span>
            </>
          ) : (
            <strong data-testid="primary">not reached</strong>
          )}
          . <span data-testid="primary-verdict">{primaryVerdict(e)}</span>
        </li>
        <li>
          Fine-tune cost on clean text: {Object.entries(e.fineTuneCost).map(([n, c]) => `${n} ${signedBits(c)}`).join(', ')} bits/char (target ≤ 0.2).
        </li>
      </ul>
    </>
  );
}
