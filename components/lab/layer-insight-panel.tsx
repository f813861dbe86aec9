'use client';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { SpectrumChart } from '@/components/charts/spectrum-chart';
import { describeSideChoice } from '@/lib/decompose/side-choice';
import type { LayerInsight } from '@/lib/insight/layer-insight';
import { SimilarityMatrix } from './similarity-matrix';

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];

/** One layer: ranks, shared dimension against chance, spectra and task-by-task similarity. */
export function LayerInsightPanel({ insight, labels, eta }: { insight: LayerInsight; labels: string[]; eta: number }) {
  const above = insight.sharedDim > insight.chance.p95;
  const svLength = Math.min(40, Math.max(...insight.singularValues.map((s) => s.length)));
  const sv = Array.from({ length: svLength }, (_, i) => Object.fromEntries([['i', i + 1], ...insight.singularValues.map((s, t) => [`t${t}`, s[i] ?? null])]));
  return (
    <section className="space-y-4" data-testid="layer-insight">
      <h3 className="font-semibold">
        <span className="font-mono">{insight.name}</span> (subspaces in dimension {insight.dim})
      </h3>
      {insight.sideChoice && (
        <p className="text-sm" data-testid="insight-side-choice">
          Side auto chose {describeSideChoice(insight.sideChoice)} (null: 95th percentile of the top eigenvalue for random subspaces of the same ranks).
        </p>
      )}
      <p className="text-sm" data-testid="shared-vs-chance">
        Shared dimension <strong>{insight.sharedDim}</strong>; random subspaces of the same ranks share {insight.chance.mean.toFixed(1)} on average (95th percentile{' '}
        {insight.chance.p95}, {insight.chance.trials} draws): {above ? 'above chance.' : 'not above chance: this overlap could be a coincidence of the ranks.'}
      </p>
      <div className="grid gap-4 lg:grid-cols-3">
        <div>
          <p className="text-sm font-semibold">Task ranks</p>
          <div style={{ height: 180 }} data-testid="rank-chart">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={insight.ranks.map((r, i) => ({ task: `${i + 1}`, r, chance: insight.chance.mean }))}>
                <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
                <XAxis dataKey="task" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Bar dataKey="r" name="rank" fill="#2563eb" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </div>
        <div>
          <p className="text-sm font-semibold">Chained-projection eigenvalues</p>
          <SpectrumChart eigenvalues={insight.eigenvalues} eta={eta} height={180} />
        </div>
        <div>
          <p className="text-sm font-semibold">Singular values per task</p>
          <div style={{ height: 180 }} data-testid="singular-chart">
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={sv}>
                <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
                <XAxis dataKey="i" />
                <YAxis scale="log" domain={['auto', 'auto']} allowDataOverflow />
                <Tooltip formatter={(v) => Number(v).toPrecision(3)} />
                <Legend />
                {insight.singularValues.map((_, t) => (
                  <Line key={t} dataKey={`t${t}`} name={`task ${t + 1}`} stroke={COLORS[t % COLORS.length]} dot={false} isAnimationActive={false} />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </div>
        </div>
      </div>
      <div className="flex flex-wrap gap-8">
        <SimilarityMatrix title="cosine of task vectors" values={insight.similarity.cosine} labels={labels} testId="cosine-matrix" />
        <SimilarityMatrix title="mean cos² of principal angles (hover: chance level)" values={insight.similarity.meanCos2} labels={labels} chance={insight.similarity.chanceMeanCos2} testId="cos2-matrix" />
      </div>
    </section>
  );
}
