'use client';
import { useMemo } from 'react';
import { download } from '@/components/share/download';
import { MergekitExportError, toMergekit } from '@/lib/recipe/mergekit/to-mergekit';
import type { Recipe } from '@/lib/recipe/schema';

/** The recipe as a mergekit config to download, or, when it is not one, every reason why. */
export function MergekitExport({ recipe, fileStem }: { recipe: Recipe; fileStem: string }) {
  const out = useMemo(() => {
    try {
      return { ok: true as const, ...toMergekit(recipe) };
    } catch (e) {
      if (e instanceof MergekitExportError) return { ok: false as const, problems: e.problems };
      throw e;
    }
  }, [recipe]);
  if (out.ok)
    return (
      <button onClick={() => download(out.yaml, `${fileStem}.mergekit.yaml`, 'application/yaml')} title={out.notes.join('\n')} data-testid="export-mergekit" className="rounded border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-600">
        mergekit config (.yaml)
      </button>
    );
  return (
    <details className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="mergekit-not-expressible">
      <summary className="cursor-pointer">Not a mergekit config: why</summary>
      <ul className="list-disc pl-4">
        {out.problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </details>
  );
}
