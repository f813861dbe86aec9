'use client';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SideChoice } from '@/lib/decompose/side-choice';

export interface LayerRow {
  name: string;
  sharedDim: number;
  sharedEnergy: number[];
  /** Side 'auto': the side this matrix was split on. */
  sideChoice?: SideChoice;
}

const COLOURS = ['#2563eb', '#f59e0b', '#10b981', '#db2777', '#7c3aed', '#0891b2', '#65a30d', '#dc2626'];

/** Per matrix: each task's share of energy in the shared subspace, the shared dimension (and the side, under auto). */
export function LayerEnergyChart({ layers, tasks, height = 300 }: { layers: LayerRow[]; tasks: string[]; height?: number }) {
  const data = layers.map((l) => ({ name: `${l.name.replace(/\.weight$/, '')} (s=${l.sharedDim}${l.sideChoice ? `, ${l.sideChoice.side}` : ''})`, ...Object.fromEntries(tasks.map((t, i) => [t, l.sharedEnergy[i] ?? 0])) }));
  return (
    <div style={{ height }} data-testid="layer-energy-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 80, left: 48 }}>
          <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
          <XAxis dataKey="name" angle={-35} textAnchor="end" interval={0} height={80} fontSize={11} />
          <YAxis domain={[0, 1]} tickFormatter={(v) => `${Math.round(v * 100)}%`} />
          <Tooltip formatter={(v) => `${(Number(v) * 100).toFixed(1)}%`} />
          <Legend verticalAlign="top" />
          {tasks.map((t, i) => (
            <Bar key={t} dataKey={t} fill={COLOURS[i % COLOURS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
