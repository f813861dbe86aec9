'use client';
import { useState } from 'react';
import { LayerStrip } from '@/components/formats/layer-strip';
import { Slider } from '@/components/ui/slider';
import { formatSchedule, layerStrip, parseSchedule, perBlockSchedule, toggleLayer } from '@/lib/recipe/layer-strip';
import type { Term } from '@/lib/recipe/schema';

/**
 * One recipe term: its coefficient, and layer by layer the weight it gives each block
 * (coefficient x schedule, before the method's lambda). Clicking a block takes it out of the term's
 * layer filter or back in; the schedule is mergekit's interpolated list ("0, 1" ramps from the first
 * block to the last; one value per block sets each), or name filters as JSON.
 */
export function TermControls({ term, tensorNames, onChange }: { term: Term; tensorNames: readonly string[]; onChange(next: Term): void }) {
  const cells = layerStrip(term, tensorNames);
  const blocks = cells.map((c) => c.index);
  const count = blocks.length ? Math.max(...blocks) + 1 : 0;
  const written = formatSchedule(term.schedule);
  const [error, setError] = useState<string | null>(null);

  const commit = (value: string) => {
    const read = parseSchedule(value);
    if (!read.ok) return setError(read.error);
    setError(null);
    const { schedule: _, ...rest } = term;
    onChange(read.value === undefined ? rest : { ...rest, schedule: read.value });
  };
  const perBlock = perBlockSchedule(term.schedule, count);
  const label = `× ${term.part}`;

  return (
    <div className="space-y-1" data-testid="edit-term">
      <Slider label={label} value={term.coefficient} min={-2} max={2} step={0.05} onChange={(coefficient) => onChange({ ...term, coefficient })} />
      {cells.length > 0 && (
        <>
          <LayerStrip label="per layer" cells={cells} onToggle={(i) => onChange(toggleLayer(term, i, blocks))} />
          <label className="flex items-center gap-1 text-xs">
            <span className="shrink-0">Layer factor</span>
            <input
              key={written}
              defaultValue={written}
              placeholder="1 everywhere; 0, 1 ramps"
              onBlur={(e) => commit(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && commit((e.target as HTMLInputElement).value)}
              aria-invalid={!!error}
              data-testid="term-schedule"
              className="min-w-0 flex-1 rounded border border-zinc-300 bg-transparent px-1 font-mono dark:border-zinc-600"
            />
            {perBlock && count > 1 && (
              <button type="button" onClick={() => commit(perBlock.join(', '))} title="Write the factor as one value per block, to edit each" className="shrink-0 rounded border border-zinc-300 px-1 dark:border-zinc-600">
                per block
              </button>
            )}
          </label>
          {error && (
            <p role="alert" className="text-xs text-red-600">
              {error}
            </p>
          )}
          {term.layers && <p className="text-xs text-zinc-600 dark:text-zinc-400">Only blocks {term.layers.join(', ') || '(none)'}; tensors outside the blocks are left out too.</p>}
        </>
      )}
    </div>
  );
}
