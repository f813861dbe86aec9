'use client';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface SweepSeries {
  key: string;
  label: string;
  colour: string;
}

/** Mean normalised accuracy against lambda, one line per method. */
export function SweepChart({ points, series, height = 260 }: { points: Record<string, number>[]; series: SweepSeries[]; height?: number }) {
  return (
    <div style={{ height }} data-testid="sweep-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
          <XAxis dataKey="lambda" type="number" domain={['dataMin', 'dataMax']} label={{ value: 'λ', position: 'insideBottom', offset: -8 }} />
          <YAxis domain={[0, 1]} tickFormatter={(v) => `${Math.round(v * 100)}%`} />
          <Tooltip formatter={(v) => `${(Number(v) * 100).toFixed(1)}%`} labelFormatter={(l) => `λ = ${l}`} />
          <Legend />
          {series.map((s) => (
            <Line key={s.key} dataKey={s.key} name={s.label} stroke={s.colour} dot={false} strokeWidth={2} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
