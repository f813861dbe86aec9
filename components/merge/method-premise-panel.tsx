'use client';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MethodPremiseEvidence } from '@/lib/demos/merge/merge-evidence';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/**
 * The method's own premise for one family: how much of the planted common change lies in the shared subspace,
 * per matrix against a random subspace of the same size, and whether task arithmetic under-serves it.
 */
export function MethodPremisePanel({ family, m }: { family: string; m: MethodPremiseEvidence }) {
  const planted = m.commonInside !== null;
  const rows = m.layers.map((l) => ({
    name: l.name.replace('.weight', ''),
    inside: l.commonInside ?? l.tauInside.reduce((a, b) => a + b, 0) / Math.max(1, l.tauInside.length),
    chance: l.sharedDim / l.d,
  }));
  return (
    <div className="space-y-2" data-testid={`method-premise-${family}`}>
      <h4 className="font-semibold">The method&apos;s own premise</h4>
      <ul className="list-disc space-y-1 pl-6 text-sm">
        {planted ? (
          <li>
            The planted common change inside the shared subspace: <strong>{pct(m.commonInside!)}</strong> of its energy (a random subspace of the
            same size per matrix: {pct(m.commonChance ?? 0)}); as a share of each task vector&apos;s energy, the smallest task:{' '}
            <strong data-testid={`method-premise-value-${family}`}>{pct(m.value)}</strong> (needs ≥ {pct(m.threshold)}; per seed{' '}
            {m.perSeed.map(pct).join(', ')}).
          </li>
        ) : (
          <li>Nothing is planted in this family; each task vector&apos;s energy inside the shared subspace: {m.tauInside.map(pct).join(', ')}.</li>
        )}
        <li>
          Task arithmetic&apos;s λ × k tuned on validation (the dose it gives a part every task holds): {m.lambdaK.map((v) => v.toFixed(2)).join(', ')} per seed
          (under-serves it when ≤ {m.lambdaKThreshold}).
        </li>
        <li>
          Premise <strong data-testid={`method-premise-holds-${family}`}>{m.holds ? 'holds' : 'does not hold'}</strong>
          {planted ? '' : ' (the negative control: nothing to find)'}.
        </li>
      </ul>
      <div style={{ height: 240 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 48, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
            <XAxis dataKey="name" angle={-30} textAnchor="end" interval={0} fontSize={10} />
            <YAxis tickFormatter={(v) => `${Math.round(Number(v) * 100)}%`} domain={[0, 1]} />
            <Tooltip formatter={(v) => pct(Number(v))} />
            <Legend verticalAlign="top" />
            <Bar dataKey="inside" name={planted ? 'common change inside Z' : 'task vectors inside Z'} fill="#7c3aed" isAnimationActive={false} />
            <Bar dataKey="chance" name="random subspace of the same size" fill="#a1a1aa" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
