'use client';
import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { TradeOffPoint } from '@/lib/detox/detox-runtime';

/** Toxicity against bits per character over a λ sweep: lower-left is better. */
export function TradeOffChart({ series, height = 280 }: { series: { label: string; colour: string; points: TradeOffPoint[] }[]; height?: number }) {
  return (
    <div style={{ height }} data-testid="trade-off-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 8, right: 16, bottom: 20, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
          <XAxis dataKey="bitsPerChar" type="number" domain={['auto', 'auto']} name="bits/char" label={{ value: 'bits per character (lower = more fluent)', position: 'insideBottom', offset: -10 }} />
          <YAxis dataKey="toxicShare" type="number" domain={[0, 'auto']} tickFormatter={(v) => `${Math.round(v * 100)}%`} name="toxic" />
          <Tooltip formatter={(v, name) => (name === 'toxic' ? `${(Number(v) * 100).toFixed(1)}%` : Number(v).toFixed(3))} />
          <Legend verticalAlign="top" />
          {series.map((s) => (
            <Scatter key={s.label} name={s.label} data={[...s.points].sort((a, b) => a.lambda - b.lambda)} fill={s.colour} line shape="circle" isAnimationActive={false} />
          ))}
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
