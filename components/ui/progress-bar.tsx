'use client';
import { useRef } from 'react';
import type { Progress } from '@/lib/util/progress';
import { describeTimeLeft, type ProgressMark, secondsLeft } from '@/lib/util/time-left';

/** A step count, the time left at the rate seen so far (long work), and Cancel. */
export function ProgressBar({ progress, label, onCancel }: { progress: Progress; label?: string; onCancel?: () => void }) {
  const pct = progress.total ? Math.round((100 * progress.loaded) / progress.total) : 0;
  // The first mark of this stage: the rate is measured from there.
  const start = useRef<{ key: string; mark: ProgressMark } | null>(null);
  const key = `${progress.stage}/${progress.total}`;
  const now = { loaded: progress.loaded, at: Date.now() };
  if (!start.current || start.current.key !== key || progress.loaded < start.current.mark.loaded) start.current = { key, mark: now };
  const left = secondsLeft(start.current.mark, now, progress.total);
  return (
    <div className="flex items-center gap-3" role="status" aria-live="polite">
      <div className="w-48">
        <div className="text-xs text-zinc-600 dark:text-zinc-400">
          {label ?? progress.stage} {progress.loaded}/{progress.total}
          {left !== null && progress.loaded < progress.total && <span data-testid="time-left">, {describeTimeLeft(left)}</span>}
        </div>
        <div className="h-2 rounded bg-zinc-200 dark:bg-zinc-800" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
          <div className="h-2 rounded bg-blue-600 transition-[width]" style={{ width: `${pct}%` }} />
        </div>
      </div>
      {onCancel && (
        <button onClick={onCancel} className="rounded border border-zinc-300 px-2 py-0.5 text-sm dark:border-zinc-600">
          Cancel
        </button>
      )}
    </div>
  );
}
