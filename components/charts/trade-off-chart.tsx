'use client';
import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { tradeOffAxes, type TradeOffData } from '@/lib/demos/detox/detox-evidence';

/** Toxicity (%) against fluency (bits/char), one line per method: lower-left is better. */
export function TradeOffChart({ data, height = 320 }: { data: TradeOffData; height?: number }) {
  const axes = tradeOffAxes(data);
  return (
    <figure className="space-y-1">
      {/* Axis titles as text around the chart: they wrap on a phone, where an SVG label would run off. */}
      <p className="text-xs text-zinc-600 dark:text-zinc-400">↑ {data.yLabel}</p>
      <div style={{ height }} data-testid="trade-off-chart">
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
            <XAxis
              dataKey="x"
              type="number"
              domain={[axes.x.ticks[0], axes.x.ticks.at(-1)!]}
              ticks={axes.x.ticks}
              tickFormatter={axes.x.label}
              name="bits/char"
            />
            <YAxis
              dataKey="y"
              type="number"
              domain={[axes.y.ticks[0], axes.y.ticks.at(-1)!]}
              ticks={axes.y.ticks}
              tickFormatter={axes.y.label}
              name="toxic"
            />
            <Tooltip formatter={(v, name) => (name === 'toxic' ? `${Number(v).toFixed(2)}%` : `${Number(v).toFixed(3)} bits/char`)} />
            <Legend verticalAlign="top" />
            {data.series.map((s) => (
              <Scatter key={s.id} name={s.label} data={[...s.points].sort((a, b) => a.x - b.x)} fill={s.colour} line shape="circle" isAnimationActive={false} />
            ))}
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <p className="text-center text-xs text-zinc-600 dark:text-zinc-400">{data.xLabel} →</p>
      <figcaption className="text-sm text-zinc-600 dark:text-zinc-400">{data.caption}</figcaption>
    </figure>
  );
}
