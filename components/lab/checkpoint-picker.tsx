'use client';
import { useState } from 'react';
import { useEngine } from '@/components/engine/engine-provider';
import { sendCheckpoint } from '@/hooks/use-lab-checkpoints';
import type { CheckpointInfo } from '@/lib/engine/lab-engine';

export interface LoadedCheckpoint extends CheckpointInfo {
  file: string;
  /** Kept so a restarted engine can be given the same file again without asking the user. */
  source: Blob;
}

/** The id is the file name (made safe for recipes), so an exported recipe names the files to use with the CLI. */
export const checkpointId = (name: string) => name.replace(/[^\w./@:+-]/g, '_');


/** Reads .safetensors files in the page and hands their bytes to the worker (transferred, not copied). */
export function CheckpointPicker({
  label,
  multiple,
  loaded,
  onLoaded,
  testId,
}: {
  label: string;
  multiple: boolean;
  loaded: LoadedCheckpoint[];
  onLoaded(next: LoadedCheckpoint[]): void;
  testId: string;
}) {
  const { engine } = useEngine();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const read = async (files: FileList | null) => {
    if (!engine || !files?.length) return;
    setBusy(true);
    const problems: string[] = [];
    let next = multiple ? [...loaded] : [];
    for (const file of Array.from(files)) {
      try {
        const id = checkpointId(file.name);
        const info = await sendCheckpoint(engine, id, file);
        next = [...next.filter((c) => c.id !== id), { ...info, file: file.name, source: file }];
      } catch (e) {
        problems.push(`${file.name}: ${(e as Error).message}`);
      }
    }
    setErrors(problems);
    onLoaded(next);
    setBusy(false);
  };

  return (
    <div className="space-y-1">
      <label className="block font-semibold">
        {label}
        <input
          type="file"
          accept=".safetensors"
          multiple={multiple}
          data-testid={testId}
          disabled={!engine || busy}
          onChange={(e) => void read(e.target.files)}
          className="mt-1 block text-sm font-normal"
        />
      </label>
      <ul className="text-sm">
        {loaded.map((c) => (
          <li key={c.id} className="flex items-center gap-2">
            <span className="font-mono">{c.file}</span>
            <span className="text-zinc-600 dark:text-zinc-400">
              {c.tensors} tensors, {c.parameters.toLocaleString()} parameters
            </span>
            {multiple && (
              <button className="text-xs underline" onClick={() => onLoaded(loaded.filter((x) => x.id !== c.id))}>
                remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {errors.map((e) => (
        <p key={e} role="alert" className="text-sm text-red-600">
          {e}
        </p>
      ))}
    </div>
  );
}
