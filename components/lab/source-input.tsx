'use client';
import { useState } from 'react';
import { fromDrop, fromFileList, type PickedFile } from './picked-files';

/**
 * Where a model comes from: an http(s) URL of a file or repo folder, a hub id, a picked file or
 * folder, or a drop. Nothing is fetched until the user gives one.
 */
export function SourceInput({
  label,
  testId,
  onRemote,
  onLocal,
  disabled,
}: {
  label: string;
  testId: string;
  onRemote(ref: string): void;
  onLocal(files: PickedFile[]): void;
  disabled?: boolean;
}) {
  const [text, setText] = useState('');
  const [over, setOver] = useState(false);
  const submit = () => {
    if (!text.trim()) return;
    onRemote(text.trim());
    setText('');
  };
  return (
    <div
      className={`space-y-2 rounded border border-dashed p-3 ${over ? 'border-blue-500 bg-blue-50 dark:bg-blue-950' : 'border-zinc-300 dark:border-zinc-700'}`}
      data-testid={`${testId}-drop`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void fromDrop(e.dataTransfer).then((files) => files.length && onLocal(files));
      }}
    >
      <p className="font-semibold">{label}</p>
      <form
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="https://… or hf:owner/name[@revision]"
          aria-label={`${label}: URL or hub id`}
          data-testid={`${testId}-url`}
          className="min-w-0 flex-1 rounded border border-zinc-300 bg-transparent px-2 py-1 font-mono text-sm dark:border-zinc-600"
        />
        <button type="submit" disabled={disabled || !text.trim()} data-testid={`${testId}-load`} className="rounded bg-blue-600 px-3 py-1 text-sm text-white disabled:opacity-50">
          Load
        </button>
      </form>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="cursor-pointer underline">
          file…
          <input type="file" accept=".safetensors,.json" multiple className="sr-only" data-testid={testId} disabled={disabled} onChange={(e) => e.target.files?.length && onLocal(fromFileList(e.target.files))} />
        </label>
        <label className="cursor-pointer underline">
          folder…
          <input
            type="file"
            className="sr-only"
            data-testid={`${testId}-folder`}
            disabled={disabled}
            ref={(el) => el?.setAttribute('webkitdirectory', '')}
            onChange={(e) => e.target.files?.length && onLocal(fromFileList(e.target.files))}
          />
        </label>
        <span className="text-zinc-600 dark:text-zinc-400">or drop a file or a folder (Hugging Face layout) here</span>
      </div>
    </div>
  );
}
