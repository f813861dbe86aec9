'use client';
import { Slider } from '@/components/ui/slider';

export interface LabOptions {
  energy: number;
  eta: number;
  side: 'left' | 'right' | 'auto';
}

/** Energy, threshold and side of the decomposition. */
export function DecomposeOptionsControls({ value, onChange }: { value: LabOptions; onChange(next: LabOptions): void }) {
  return (
    <section className="grid gap-4 sm:grid-cols-3">
      <Slider label="Energy ρ" value={value.energy} min={0.5} max={1} step={0.01} onChange={(energy) => onChange({ ...value, energy })} />
      <Slider label="Threshold η" value={value.eta} min={0.3} max={1} step={0.01} onChange={(eta) => onChange({ ...value, eta })} />
      <label className="flex flex-col gap-1 text-sm font-medium">
        Side
        <select value={value.side} onChange={(e) => onChange({ ...value, side: e.target.value as LabOptions['side'] })} className="rounded border border-zinc-300 bg-transparent px-2 py-1 dark:border-zinc-600">
          <option value="left">left (output space)</option>
          <option value="right">right (input space)</option>
          <option value="auto">auto (per matrix, furthest above chance)</option>
        </select>
      </label>
    </section>
  );
}
