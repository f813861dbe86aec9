'use client';
import { formatBytes } from '@/lib/util/format-bytes';

/** The downloaded-tensor cache: how much it holds, and a way to empty it. */
export function CachePanel({ size, onClear }: { size: number | null; onClear(): void }) {
  if (size === null) return <p className="text-xs text-zinc-600 dark:text-zinc-400">No download cache in this browser: remote models are downloaded again each time.</p>;
  return (
    <p className="flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
      <span data-testid="cache-size">Download cache: {formatBytes(size)}</span>
      <button onClick={onClear} data-testid="cache-clear" className="rounded border border-zinc-300 px-2 py-0.5 dark:border-zinc-600">
        Clear
      </button>
    </p>
  );
}
