'use client';
import type { SourceSlot } from '@/hooks/use-lab';
import { sourceLabel } from '@/lib/lab/lab-link';
import { formatBytes } from '@/lib/util/format-bytes';
import { fromFileList, type PickedFile } from './picked-files';

const STATUS: Record<SourceSlot['status'], string> = {
  'needs-file': 'named in the link: pick the file again',
  listing: 'reading the header…',
  listed: 'header read',
  refused: 'too big for this tab',
  downloading: 'downloading tensors…',
  loaded: 'loaded',
  error: 'failed',
  cancelled: 'cancelled',
};

/** One model: header preview before any tensor, per-file progress, a Cancel for every network step, estimate, mapping, errors. */
export function SourceCard({ slot, onCancel, onRetry, onRemove, onProvide }: { slot: SourceSlot; onCancel(): void; onRetry(): void; onRemove(): void; onProvide(files: PickedFile[]): void }) {
  const l = slot.listing;
  const name = sourceLabel(slot.source);
  const match = l?.match;
  const renamed = match ? [...match.mapping].filter(([a, b]) => a !== b) : [];
  const adapter = slot.loaded?.adapter;
  return (
    <li className="space-y-2 rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800" data-testid="source-card" data-status={slot.status}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="break-all font-mono">{name}</span>
        <span className="text-zinc-600 dark:text-zinc-400" data-testid="source-status">
          {STATUS[slot.status]}
        </span>
        {adapter && <span className="rounded bg-violet-100 px-1 text-xs text-violet-900 dark:bg-violet-900 dark:text-violet-100">{adapter.format} LoRA, {adapter.modules} modules</span>}
        {(slot.status === 'listing' || slot.status === 'downloading') && (
          <button onClick={onCancel} data-testid="source-cancel" className="rounded border border-zinc-300 px-2 py-0.5 dark:border-zinc-600">
            Cancel
          </button>
        )}
        {(slot.status === 'error' || slot.status === 'cancelled') && (
          <button onClick={onRetry} className="rounded border border-zinc-300 px-2 py-0.5 dark:border-zinc-600">
            Try again
          </button>
        )}
        <button onClick={onRemove} className="text-xs underline">
          remove
        </button>
      </div>
      {slot.status === 'needs-file' && (
        <label className="block">
          Pick <span className="font-mono">{name}</span> again (its bytes never left your machine, so the link cannot carry them):
          <input type="file" accept=".safetensors,.json" multiple data-testid="source-provide" className="mt-1 block" onChange={(e) => e.target.files?.length && onProvide(fromFileList(e.target.files))} />
        </label>
      )}
      {l && (
        <details data-testid="header-preview">
          <summary className="cursor-pointer">
            <span data-testid="header-summary">
              {l.tensors.length} tensors, {formatBytes(l.totalBytes)} ({l.layout.kind}
              {l.layout.kind === 'sharded' ? `, ${new Set(l.tensors.map((t) => t.file)).size} shards` : ''})
            </span>
          </summary>
          <div className="max-h-56 overflow-auto">
            <table className="w-full font-mono text-xs">
              <tbody>
                {l.tensors.slice(0, 400).map((t) => (
                  <tr key={t.name}>
                    <td className="pr-2">{t.name}</td>
                    <td className="pr-2">{t.info.dtype}</td>
                    <td>[{t.info.shape.join(', ')}]</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {l.tensors.length > 400 && <p className="text-xs">… and {l.tensors.length - 400} more</p>}
          </div>
        </details>
      )}
      {l && (
        <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="memory-estimate">
          Memory: largest tensor {l.estimate.perTensor[0] ? `${l.estimate.perTensor[0].name} ${formatBytes(l.estimate.perTensor[0].bytes)}` : '—'}; with the decomposition about{' '}
          {formatBytes(l.estimate.totalBytes)} in all.
        </p>
      )}
      {slot.progress &&
        Object.entries(slot.progress).map(([file, p]) => (
          <div key={file} className="flex items-center gap-2" data-testid="file-progress">
            <span className="w-64 truncate font-mono text-xs">{file}</span>
            <progress value={p.loaded} max={p.total} className="h-2 w-40" />
            <span className="text-xs tabular-nums">
              {formatBytes(p.loaded)} / {formatBytes(p.total)}
            </span>
          </div>
        ))}
      {renamed.length > 0 && (
        <details data-testid="name-mapping">
          <summary className="cursor-pointer text-xs">{renamed.length} tensor names mapped to the base&apos;s</summary>
          <ul className="font-mono text-xs">
            {renamed.slice(0, 50).map(([a, b]) => (
              <li key={a}>
                {a} → {b}
              </li>
            ))}
          </ul>
        </details>
      )}
      {match && match.missing.length > 0 && <p className="text-xs">{match.missing.length} base tensors are not in this model (first: {match.missing[0]}); the decomposition needs every one.</p>}
      {slot.error && (
        <p role="alert" className="whitespace-pre-wrap text-red-700 dark:text-red-300" data-testid="source-error">
          {slot.error}
        </p>
      )}
    </li>
  );
}
