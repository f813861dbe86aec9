'use client';
import { Slider } from '@/components/ui/slider';
import type { LabLink } from '@/lib/lab/lab-link';

/** Coefficients of each task's shared and unique parts, the method and lambda. */
export function EditBuilder({ link, labels, lora, onChange }: { link: LabLink; labels: string[]; lora: boolean; onChange(next: LabLink): void }) {
  const coeff = (i: number) => link.coefficients[i] ?? { shared: 1, unique: 1 };
  const setCoeff = (i: number, c: { shared: number; unique: number }) => onChange({ ...link, coefficients: labels.map((_, j) => (j === i ? c : coeff(j))) });
  return (
    <div className="space-y-3">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {labels.map((label, i) => (
          <div key={i} className="space-y-2 rounded border border-zinc-200 p-2 dark:border-zinc-800">
            <p className="truncate font-mono text-sm" title={label}>
              {i + 1}. {label}
            </p>
            <Slider label="× shared" value={coeff(i).shared} min={-2} max={2} step={0.05} onChange={(shared) => setCoeff(i, { ...coeff(i), shared })} />
            <Slider label="× unique" value={coeff(i).unique} min={-2} max={2} step={0.05} onChange={(unique) => setCoeff(i, { ...coeff(i), unique })} />
          </div>
        ))}
      </div>
      <div className="flex flex-wrap items-end gap-4">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Method
          <select value={link.method} onChange={(e) => onChange({ ...link, method: e.target.value as LabLink['method'] })} className="rounded border border-zinc-300 bg-transparent px-2 py-1 dark:border-zinc-600">
            <option value="task_arithmetic">task arithmetic (θ₀ + λ Σ terms)</option>
            <option value="negation">negation (θ₀ − λ Σ terms)</option>
            <option value="ties" disabled={lora}>
              TIES (density 0.2){lora ? ': not a LoRA, use the CLI with --format full' : ''}
            </option>
          </select>
        </label>
        <div className="w-64">
          <Slider label="λ" value={link.lambda} min={0} max={2} step={0.05} onChange={(lambda) => onChange({ ...link, lambda })} />
        </div>
      </div>
    </div>
  );
}
