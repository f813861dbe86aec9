'use client';
import { useMemo } from 'react';
import { readPastedMergekit } from '@/lib/recipe/mergekit/paste-mergekit';
import type { Recipe } from '@/lib/recipe/schema';

/**
 * A text box for a mergekit YAML: shows the recipe it becomes (summary and notes) or every key it
 * cannot express, and hands the recipe over on "Use". The caller owns the text.
 */
export function MergekitPaste({ value, onChange, onUse }: { value: string; onChange(text: string): void; onUse(recipe: Recipe): void }) {
  const read = useMemo(() => readPastedMergekit(value), [value]);
  const empty = !value.trim();
  return (
    <div className="space-y-2">
      <label className="flex flex-col gap-1 text-sm font-medium">
        mergekit config
        <textarea
          value={value}
          onChange={(e) => onChange(e.target.value)}
          rows={8}
          spellCheck={false}
          placeholder={'merge_method: ties\nbase_model: org/base\nmodels:\n  - model: org/a\n    parameters: {weight: 1, density: 0.5}'}
          className="rounded border border-zinc-300 bg-transparent p-2 font-mono text-xs dark:border-zinc-600"
          data-testid="mergekit-paste"
        />
      </label>
      {!empty && !read.ok && (
        <ul className="list-disc space-y-1 pl-5 text-sm text-red-700 dark:text-red-400" data-testid="mergekit-problems">
          {read.problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
      {read.ok && (
        <div className="space-y-1 text-sm">
          <p data-testid="mergekit-summary">{read.summary}</p>
          {read.notes.map((n, i) => (
            <p key={i} className="text-xs text-zinc-500">
              note: {n}
            </p>
          ))}
          <button type="button" onClick={() => onUse(read.recipe)} className="rounded bg-zinc-900 px-3 py-1 text-white dark:bg-zinc-100 dark:text-zinc-900">
            Use this config
          </button>
        </div>
      )}
    </div>
  );
}
