'use client';
import { Slider } from '@/components/ui/slider';
import { type LabLink, type LabSource, shortName, sourceLabel, termsOfTask, withTaskTerm } from '@/lib/lab/lab-link';
import { TermControls } from './term-controls';

/** The methods the page offers; a link may name another of the recipe's methods, shown as it is. */
const OFFERED: Record<string, LabLink['method']> = {
  task_arithmetic: { name: 'task_arithmetic', lambda: 1 },
  negation: { name: 'negation', lambda: 1 },
  ties: { name: 'ties', lambda: 1, density: 0.2, election: 'mass' },
  knots: { name: 'knots', lambda: 1, merge: 'ties', density: 0.2 },
  core_space: { name: 'core_space', lambda: 1, merge: 'ties', density: 0.2 },
};

/**
 * Each task's terms (the recipe's: its shared and unique parts, or whole task vectors from a
 * mergekit config), each with its coefficient and its weight per layer over `tensorNames`; the
 * method and lambda.
 */
export function EditBuilder({ link, tasks, lora, tensorNames, onChange }: { link: LabLink; tasks: { index: number; source: LabSource }[]; lora: boolean; tensorNames: readonly string[]; onChange(next: LabLink): void }) {
  const lambda = link.method.lambda;
  return (
    <div className="space-y-3">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {tasks.map(({ index, source }, n) => (
          <div key={index} className="space-y-2 rounded border border-zinc-200 p-2 dark:border-zinc-800" data-testid="edit-task">
            <p className="break-words font-mono text-sm" title={sourceLabel(source)}>
              {n + 1}. {shortName(source)}
            </p>
            {termsOfTask(link, index).map((term, k) => (
              <TermControls key={k} term={term} tensorNames={tensorNames} onChange={(next) => onChange(withTaskTerm(link, index, k, next))} />
            ))}
          </div>
        ))}
      </div>
      <div className="flex flex-wrap items-end gap-4">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Method
          <select
            value={link.method.name}
            onChange={(e) => onChange({ ...link, method: { ...(OFFERED[e.target.value] ?? link.method), lambda } as LabLink['method'] })}
            className="rounded border border-zinc-300 bg-transparent px-2 py-1 dark:border-zinc-600"
          >
            <option value="task_arithmetic">task arithmetic (θ₀ + λ Σ terms)</option>
            <option value="negation">negation (θ₀ − λ Σ terms)</option>
            <option value="ties" disabled={lora}>
              TIES (density 0.2){lora ? ': not a LoRA, use the CLI with --format full' : ''}
            </option>
            {/* Merges in the tasks' common low-rank basis: exact as an adapter; over full checkpoints a dense SVD per tensor, left to the CLI. */}
            <option value="knots" disabled={!lora}>
              KnOTS (TIES in the shared SVD basis, density 0.2){lora ? '' : ': LoRA sets only here, the CLI runs it on checkpoints'}
            </option>
            <option value="core_space" disabled={!lora}>
              Core Space (TIES on the cores, density 0.2){lora ? '' : ': LoRA sets only here, the CLI runs it on checkpoints'}
            </option>
            {!OFFERED[link.method.name] && <option value={link.method.name}>{link.method.name} (from the link)</option>}
          </select>
        </label>
        <div className="w-64">
          <Slider label="λ" value={lambda} min={0} max={2} step={0.05} onChange={(l) => onChange({ ...link, method: { ...link.method, lambda: l } })} />
        </div>
      </div>
    </div>
  );
}
