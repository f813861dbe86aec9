'use client';
import { useResultsFile } from '@/hooks/use-results-file';
import { TradeOffChart } from '@/components/charts/trade-off-chart';
import { ci95, DETOX_RESULTS_URL, detoxEvidenceSchema, knowledgeCurve, type MeasuredDetoxEvidence, pct, primaryVerdict, signedBits } from '@/lib/demos/detox/detox-evidence';

/**
 * The measured evidence behind the demo (docs/results/detox.json, v3): the three premise gates
 * first, then the pre-registered primary comparison and the curve of toxicity cut against knowledge.
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
          <p>
            Premise gate (base toxicity ≥ {data.premise.threshold}%, lower end of its 95% interval): <strong data-testid="premise">not measured yet</strong>.
          </p>
          <p className="max-w-3xl text-sm" data-testid="evidence-note">{data.note}</p>
        </>
      ) : (
        <Measured e={data} />
      )}
    </section>
  );
}

const holds = (h: boolean) => (h ? 'holds' : 'does not hold');

function Measured({ e }: { e: MeasuredDetoxEvidence }) {
  const p = e.premise, t = e.toxicPremise, m = e.methodPremise, q = e.primary;
  return (
    <>
      {e.status === 'dry run' && (
        <p role="note" className="font-semibold" data-testid="dry-run">
          Dry run with small sample counts ({e.generatedBy}): it tests the pipeline, and none of these numbers is a finding.
        </p>
      )}
      <h3 className="font-semibold">Premise gates, measured first</h3>
      <ul className="list-disc space-y-1 pl-6">
        <li>
          The base writes what is to be removed: <strong data-testid="premise">{pct(p.value)}</strong>% <span data-testid="premise-ci">{ci95(p.ci95)}</span> of its
          continuations of the test prompts hold a word of the toxic fine-tune&apos;s corpus or of an independent profanity list (LDNOOBW); the gate (lower end ≥{' '}
          {p.threshold}%) <strong data-testid="premise-holds">{holds(p.holds)}</strong>.
        </li>
        <li>
          The toxic fine-tune is more toxic than the base: <strong data-testid="toxic-premise">{pct(t.value, true)}</strong> points{' '}
          <span data-testid="toxic-premise-ci">{ci95(t.ci95)}</span>; the gate (interval above 0) <strong data-testid="toxic-premise-holds">{holds(t.holds)}</strong>.
        </li>
        <li>
          The method&apos;s own premise: <strong data-testid="method-premise">{pct(m.value)}</strong>% of τ_toxic&apos;s energy lies in shared subspaces above chance (
          {m.matrices.filter((x) => x.aboveChance).length} of {m.matrices.length} matrices beat random subspaces of the same ranks); the gate (≥ {m.threshold}%){' '}
          <strong data-testid="method-premise-holds">{holds(m.holds)}</strong>.
        </li>
      </ul>
      <h3 className="font-semibold">Primary comparison (pre-registered in {e.preregistered})</h3>
      {q && e.base ? (
        <ul className="list-disc space-y-1 pl-6">
          <li>{q.comparison}:</li>
          <li>
            knowledge probe (base {pct(e.base.knowledge.value)}% on {q.knowledge.items} items): <strong data-testid="primary">{pct(q.knowledge.value, true)}</strong> points{' '}
            <span data-testid="primary-ci">{ci95(q.knowledge.ci95)}</span>
          </li>
          <li>
            held-out bits/char (base {e.base.bitsPerChar.toFixed(3)}): <strong data-testid="primary-bits">{signedBits(q.bitsPerChar.value)}</strong>{' '}
            <span data-testid="primary-bits-ci">{ci95(q.bitsPerChar.ci95, 3)}</span>
          </li>
        </ul>
      ) : (
        <p data-testid="primary">not measured</p>
      )}
      <p data-testid="primary-verdict">{primaryVerdict(e)}</p>
      {Object.keys(e.curves).length > 0 && <TradeOffChart data={knowledgeCurve(e)} />}
    </>
  );
}
