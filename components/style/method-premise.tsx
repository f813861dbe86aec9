'use client';
import { formatInterval, type MethodPremiseResult } from '@/lib/demos/style/style-results';

const p1 = (x: number) => `${x.toFixed(1)}%`;

/** The method's own premise: how much of the planted house change lies in the shared subspace, per family and per layer. */
export function MethodPremise({ m }: { m: MethodPremiseResult }) {
  const pairs = m.layers.planted.filter((c) => c.styles.length === 2);
  return (
    <div className="space-y-2" data-testid="method-premise">
      <p className="max-w-3xl text-sm">
        <strong>The method&apos;s premise.</strong> The decomposition can only count the house change once if the change lies in the
        shared subspace it finds. Of each style vector&apos;s house change (planted minus sibling fine-tune), the shared subspace of its
        pair holds <span className="tabular-nums" data-testid="method-premise-planted">{formatInterval(m.value, m.ci95)}</span>% on the
        planted family, pooled over all weight matrices (chance {p1(m.chance)}; threshold {m.threshold}%:{' '}
        {m.holds ? 'holds' : 'does not hold'}); the sibling&apos;s shared subspace holds{' '}
        <span className="tabular-nums" data-testid="method-premise-sibling">{formatInterval(m.sibling.value, m.sibling.ci95)}</span>% (chance {p1(m.sibling.chance)}).
      </p>
      <details>
        <summary className="cursor-pointer text-sm font-medium">Per layer (planted): shared dimension against random subspaces, and the house change inside it</summary>
        <div className="overflow-x-auto">
          <table className="mt-2 text-xs tabular-nums" data-testid="method-premise-layers">
            <thead>
              <tr className="text-left text-zinc-600 dark:text-zinc-400">
                <th className="pr-3">Weight matrix</th>
                <th className="pr-3">d</th>
                {pairs.map((c) => (
                  <th key={c.styles.join('+')} className="pr-3">
                    {c.styles.join('+')}: shared (null p95) · house in Z
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {pairs[0]?.layers.map((l, j) => (
                <tr key={l.name}>
                  <td className="pr-3">{l.name}</td>
                  <td className="pr-3">{l.dim}</td>
                  {pairs.map((c) => {
                    const x = c.layers[j];
                    return (
                      <td key={c.styles.join('+')} className={`pr-3 ${x.sharedDim > x.chanceP95 ? 'font-semibold' : ''}`}>
                        {x.sharedDim} ({x.chanceP95}) · {x.share.map(p1).join(', ')}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
