'use client';
import { useState } from 'react';
import { MergekitPaste } from '@/components/formats/mergekit-paste';
import type { Recipe } from '@/lib/recipe/schema';

/** "Start from a mergekit config": the pasted config becomes this page's edit; what /lab cannot hold is listed. */
export function MergekitPanel({ onUse }: { onUse(recipe: Recipe): string[] }) {
  const [text, setText] = useState('');
  const [notes, setNotes] = useState<string[] | null>(null);
  return (
    <details className="rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800" data-testid="mergekit-panel">
      <summary className="cursor-pointer font-medium">Start from a mergekit config</summary>
      <div className="mt-2 space-y-2">
        <p className="text-zinc-600 dark:text-zinc-400">
          Paste a mergekit YAML (linear, task_arithmetic, ties, dare, breadcrumbs, della, model_stock, ram): its models become the
          sources below and its merge becomes the edit, gradients and filters included.
        </p>
        <MergekitPaste value={text} onChange={setText} onUse={(r) => setNotes(onUse(r))} />
        {notes && (
          <p role="status" data-testid="mergekit-used">
            Used: the models wait for &quot;Load them&quot; above.{notes.length ? ` Not carried over: ${notes.join('; ')}.` : ''}
          </p>
        )}
      </div>
    </details>
  );
}
