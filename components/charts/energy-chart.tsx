'use client';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** Per task: how much of its task vector's energy is shared and how much unique. */
export function EnergyChart({ sharedEnergy, labels, height = 200 }: { sharedEnergy: number[]; labels?: string[]; height?: number }) {
  const data = sharedEnergy.map((s, i) => ({ task: labels?.[i] ?? `task ${i + 1}`, shared: s, unique: 1 - s }));
  return (
    <div style={{ height }} data-testid="energy-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 12, bottom: 4, left: 12 }}>
          <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
          <XAxis type="number" domain={[0, 1]} tickFormatter={(v) => `${Math.round(v * 100)}%`} />
          <YAxis type="category" dataKey="task" width={70} />
          <Tooltip formatter={(v) => `${(Number(v) * 100).toFixed(1)}%`} />
          <Legend />
          <Bar dataKey="shared" stackId="e" fill="#2563eb" isAnimationActive={false} />
          <Bar dataKey="unique" stackId="e" fill="#f59e0b" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
