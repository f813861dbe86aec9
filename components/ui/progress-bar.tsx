import type { Progress } from '@/lib/util/progress';

export function ProgressBar({ progress, label, onCancel }: { progress: Progress; label?: string; onCancel?: () => void }) {
  const pct = progress.total ? Math.round((100 * progress.loaded) / progress.total) : 0;
  return (
    <div className="flex items-center gap-3" role="status" aria-live="polite">
      <div className="w-48">
        <div className="text-xs text-zinc-600 dark:text-zinc-400">
          {label ?? progress.stage} {progress.loaded}/{progress.total}
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
