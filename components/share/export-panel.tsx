'use client';
import { useState } from 'react';
import { useEngine } from '@/components/engine/engine-provider';
import { recipeToJson, recipeToYaml } from '@/lib/recipe/export';
import type { Recipe } from '@/lib/recipe/schema';
import { download } from './download';

/** Take an edit home: the edited weights (recipe in the file's metadata) or the recipe alone. */
export function ExportPanel({ options, fileStem }: { options: { id: string; title: string; recipe: Recipe }[]; fileStem: string }) {
  const { engine } = useEngine();
  const [choice, setChoice] = useState(options[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const picked = options.find((o) => o.id === choice) ?? options[0];
  if (!picked) return null;
  const name = `${fileStem}-${picked.id}`;
  const weights = async () => {
    if (!engine) return;
    setBusy(true);
    setError(null);
    try {
      download(await engine.exportSafetensors(picked.recipe, 'F32'), `${name}.safetensors`, 'application/octet-stream');
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
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.title}
          </option>
        ))}
      </select>
      <button onClick={weights} disabled={busy || !engine} data-testid="export-weights" className="rounded border border-zinc-300 px-2 py-1 dark:border-zinc-600">
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
