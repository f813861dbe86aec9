'use client';
import { useResultsFile } from '@/hooks/use-results-file';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { type FamilyEvidence, interval, mergeEvidenceSchema, points, sweepRows, verdict } from '@/lib/demos/merge/merge-evidence';
import { MethodPremisePanel } from './method-premise-panel';

const COLOURS = ['#71717a', '#f59e0b', '#7c3aed', '#0891b2', '#65a30d', '#ea580c', '#2563eb', '#10b981', '#db2777', '#be123c', '#854d0e'];

/** The measured evidence behind the demo, as `npm run eval:merge` wrote it (docs/results/merge.json). */
export function MergeEvidence({ url = '/data/merge/results.json' }: { url?: string }) {
  const { data, error } = useResultsFile(url, mergeEvidenceSchema);
  if (error) return <p role="alert">The measured results could not be loaded: {error}</p>;
  if (!data) return <p>Loading the measured results…</p>;
  return (
    <section className="space-y-6" data-testid="merge-evidence">
      <h2 className="text-2xl font-semibold">What the evaluation measured</h2>
      <p className="max-w-3xl text-sm">
        From <code>npm run eval:merge</code> on the test images counted with each family, coefficients tuned on validation; intervals are
        paired bootstrap 95% over test images and fine-tune seeds. The <em>planted</em> family&apos;s images all share an acquisition
        shift the pre-training never saw (blurred, noisy), and every fine-tune starts from one low-rank sensor adaptation to it, so
        every task vector holds that change; the <em>sibling</em> family is the same images without the shift or the adaptation,
        the negative control. The protocol was fixed before the run (docs/merge-protocol-v4.md).
      </p>
      {Object.values(data.families).map((f) => (
        <FamilyPanel key={f.family} f={f} />
      ))}
    </section>
  );
}

function FamilyPanel({ f }: { f: FamilyEvidence }) {
  const p = f.premise, q = f.primary;
  const controls = f.methods.filter((m) => m.id.startsWith('control_'));
  const random = controls.find((m) => m.draws);
  return (
    <div className="space-y-3" data-testid={`evidence-${f.family}`}>
      <h3 className="text-xl font-semibold">
        Family: {f.family} (seeds {f.seeds.join(', ')}; {f.testPerTask} test images per task)
      </h3>
      <ul className="list-disc space-y-1 pl-6">
        <li>
          Premise: task arithmetic minus base + heads = <strong data-testid={`premise-${f.family}`}>{points(p.value, true)}</strong> points{' '}
          <span data-testid={`premise-ci-${f.family}`}>{interval(p.ci95)}</span>; the gate (≥ +{p.threshold} and the interval above 0){' '}
          <strong>{p.holds ? 'holds' : 'does not hold'}</strong>.
        </li>
        <li>
          Primary comparison, method minus task arithmetic = <strong data-testid={`primary-${f.family}`}>{points(q.estimate, true)}</strong> points{' '}
          <span data-testid={`primary-ci-${f.family}`}>{interval(q.ci95)}</span>. {verdict(q.estimate, q.ci95, 'The method against task arithmetic')}
        </li>
        <li>
          Method minus its best same-size control ({q.controls.join(', ')}) = <strong data-testid={`control-${f.family}`}>{points(q.vsControl.estimate, true)}</strong> points{' '}
          <span>{interval(q.vsControl.ci95)}</span>. {verdict(q.vsControl.estimate, q.vsControl.ci95, 'The method against its control')}
        </li>
        {random?.draws && (
          <li>
            Random-subspace control over {random.draws.length} draws (first {f.drawSubset} test images per task): mean{' '}
            {points(random.draws.reduce((a, b) => a + b, 0) / random.draws.length)}%, from {points(Math.min(...random.draws))}% to {points(Math.max(...random.draws))}%.
          </li>
        )}
      </ul>
      {f.methodPremise && <MethodPremisePanel family={f.family} m={f.methodPremise} />}
      <details className="space-y-3" data-testid={`details-${f.family}`}>
        <summary className="cursor-pointer font-semibold">Every method, its λ curve and the shared dimension per layer ({f.methods.length} methods, {f.layers.length} matrices)</summary>
        <div className="overflow-x-auto">
          <table className="text-sm" data-testid={`methods-${f.family}`}>
            <thead>
              <tr>
                <th className="pr-3 text-left">Method</th>
                <th className="pr-3 text-left">Chosen on val</th>
                {f.tasks.map((t) => (
                  <th key={t} className="pr-2 text-right">{t}</th>
                ))}
                <th className="pr-2 text-right">Mean test acc</th>
                <th className="text-left">95% CI</th>
              </tr>
            </thead>
            <tbody>
              {f.methods.map((m) => (
                <tr key={m.id} data-method={m.id}>
                  <td className="pr-3">{m.title}</td>
                  <td className="pr-3">{m.params.map((x) => `λ=${x.lambda}${x.second !== undefined ? `/${x.second}` : ''}`).join('; ') || '–'}</td>
                  {m.perTask.map((a, i) => (
                    <td key={i} className="pr-2 text-right">{points(a)}</td>
                  ))}
                  <td className="pr-2 text-right font-semibold" data-testid={`acc-${f.family}-${m.id}`}>{points(m.test.estimate)}</td>
                  <td>{interval(m.test.ci95)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h4 className="font-semibold">Mean normalised validation accuracy against λ, every method</h4>
        <div style={{ height: 280 }} data-testid={`sweep-${f.family}`}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={sweepRows(f)} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
              <XAxis dataKey="lambda" type="number" domain={['dataMin', 'dataMax']} label={{ value: 'λ', position: 'insideBottom', offset: -8 }} />
              <YAxis tickFormatter={(v) => `${Math.round(Number(v) * 100)}%`} />
              <Tooltip formatter={(v) => `${(Number(v) * 100).toFixed(1)}%`} labelFormatter={(l) => `λ = ${l}`} />
              <Legend />
              {f.methods.filter((m) => m.curve.length).map((m, i) => (
                <Line key={m.id} dataKey={m.id} name={m.title} stroke={COLOURS[i % COLOURS.length]} dot={false} connectNulls strokeWidth={2} isAnimationActive={false} />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
        <h4 className="font-semibold">Shared dimension per layer against the null model</h4>
        <table className="text-sm" data-testid={`layers-${f.family}`}>
          <thead>
            <tr>
              <th className="pr-3 text-left">Matrix</th>
              <th className="pr-3 text-right">shared dim (η 0.85)</th>
              <th className="pr-3 text-right">chance mean</th>
              <th className="pr-3 text-right">chance 95th pct</th>
              <th className="text-right">above chance</th>
            </tr>
          </thead>
          <tbody>
            {f.layers.map((l) => (
              <tr key={l.name}>
                <td className="pr-3 font-mono">{l.name}</td>
                <td className="pr-3 text-right">{l.sharedDim}</td>
                <td className="pr-3 text-right">{points(l.chanceMean)}</td>
                <td className="pr-3 text-right">{l.chanceP95}</td>
                <td className="text-right">{l.sharedDim > l.chanceP95 ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

/** One plain sentence per family of what the evaluation found, for the top of the page. */
export function MergeVerdict({ url = '/data/merge/results.json' }: { url?: string }) {
  const { data } = useResultsFile(url, mergeEvidenceSchema);
  if (!data) return null;
  return (
    <p className="max-w-3xl rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800" data-testid="merge-verdict">
      <strong>What the evaluation found</strong> (<code>npm run eval:merge</code>, details below the lab):{' '}
      {Object.values(data.families).map((f) => (
        <span key={f.family}>
          {f.family[0].toUpperCase() + f.family.slice(1)} family: {verdict(f.primary.estimate, f.primary.ci95, 'the method against task arithmetic')}{' '}
        </span>
      ))}
    </p>
  );
}
