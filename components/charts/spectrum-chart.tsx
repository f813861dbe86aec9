'use client';
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** Eigenvalues of the chained projection, with the eta line: bars above it are shared directions. */
export function SpectrumChart({ eigenvalues, eta, height = 220 }: { eigenvalues: number[]; eta: number; height?: number }) {
  const data = eigenvalues.slice(0, 40).map((v, i) => ({ i: i + 1, v }));
  return (
    <div style={{ height }} data-testid="spectrum-chart" role="img" aria-label={`Eigenvalue spectrum: ${eigenvalues.filter((v) => v >= eta).length} of ${eigenvalues.length} at or above eta ${eta}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 12, bottom: 16, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
          <XAxis dataKey="i" label={{ value: 'eigenvalue #', position: 'insideBottom', offset: -8 }} />
          <YAxis domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} />
          <Tooltip formatter={(v) => Number(v).toFixed(3)} />
          <ReferenceLine y={eta} stroke="#dc2626" strokeDasharray="6 3" label={{ value: `η = ${eta}`, fill: '#dc2626', position: 'insideTopRight' }} />
          <Bar dataKey="v" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.i} fill={d.v >= eta ? '#2563eb' : '#a1a1aa'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
