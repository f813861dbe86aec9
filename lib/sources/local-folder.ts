import { blobSource } from './byte-source';
import type { FolderReader } from './open-checkpoint';

/**
 * A folder the user picked or dropped: files by their path inside it ("unet/x.safetensors").
 * Blobs are sliced on demand, so a multi-GB file is never read whole.
 */
export function blobFolder(label: string, files: { path: string; blob: Blob }[]): FolderReader {
  const byPath = new Map(files.map((f) => [stripTop(f.path, files), f.blob]));
  const get = (file: string) => {
    const b = byPath.get(file);
    if (!b) throw new Error(`${label} has no file ${file}`);
    return b;
  };
  return {
    label,
    exists: async (file) => byPath.has(file),
    open: async (file) => blobSource(`${label}/${file}`, get(file)),
    text: (file) => get(file).text(),
  };
}

/** A picked folder's paths start with the folder's own name: drop it when every path shares it. */
function stripTop(path: string, all: { path: string }[]): string {
  const top = path.split('/')[0];
  return all.every((f) => f.path.includes('/') && f.path.split('/')[0] === top) ? path.slice(top.length + 1) : path;
}
