'use client';
import { useState } from 'react';
import { recipeToJson, recipeToYaml } from '@/lib/recipe/export';
import type { Recipe } from '@/lib/recipe/schema';
import { download } from './download';

/** Take an edit home: the edited weights (recipe in the file's metadata) or the recipe alone. */
export function ExportPanel({ options, fileStem, exportWeights }: {
  options: { id: string; title: string; recipe: Recipe | null }[];
  fileStem: string;
  /** Writes the recipe's edited weights (through the engine, see hooks/use-engine-call). */
  exportWeights(recipe: Recipe): Promise<Uint8Array>;
}) {
  const [choice, setChoice] = useState(options.find((o) => o.recipe)?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const exportable = options.filter((o): o is { id: string; title: string; recipe: Recipe } => o.recipe !== null);
  const picked = exportable.find((o) => o.id === choice) ?? exportable[0];
  if (!picked) return null;
  const name = `${fileStem}-${picked.id}`;
  const weights = async () => {
    setBusy(true);
    setError(null);
    try {
      download(await exportWeights(picked.recipe), `${name}.safetensors`, 'application/octet-stream');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-tour="export">
      <label htmlFor="export-method">Export</label>
      <select id="export-method" value={picked.id} onChange={(e) => setChoice(e.target.value)} className="rounded border border-zinc-300 bg-transparent px-2 py-1 dark:border-zinc-600">
        {exportable.map((o) => (
          <option key={o.id} value={o.id}>
            {o.title}
          </option>
        ))}
      </select>
      <button onClick={weights} disabled={busy} data-testid="export-weights" className="rounded border border-zinc-300 px-2 py-1 dark:border-zinc-600">
        {busy ? 'Preparing…' : 'Weights (.safetensors)'}
      </button>
      <button onClick={() => download(recipeToJson(picked.recipe), `${name}.recipe.json`, 'application/json')} data-testid="export-json" className="rounded border border-zinc-300 px-2 py-1 dark:border-zinc-600">
        Recipe (.json)
      </button>
      <button onClick={() => download(recipeToYaml(picked.recipe), `${name}.recipe.yaml`, 'application/yaml')} className="rounded border border-zinc-300 px-2 py-1 dark:border-zinc-600">
        Recipe (.yaml)
      </button>
      {error && <span role="alert" className="text-red-600">{error}</span>}
      <span className="text-xs text-zinc-600 dark:text-zinc-400">
        <code>npm run tvlab -- apply --recipe {name}.recipe.json --out edited.safetensors</code> remakes the same weights (bit for bit on wasm).
      </span>
    </div>
  );
}
