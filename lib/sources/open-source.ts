import { cachedFolder, type ByteCache } from './byte-cache';
import type { FetchOptions } from './byte-source';
import { layoutFromFileList } from './checkpoint-layout';
import { blobFolder } from './local-folder';
import { type CheckpointListing, httpFolder, openCheckpoint } from './open-checkpoint';
import { DEFAULT_HUB_URL, describeSource, fileUrl, namesFile, parseSource, SourceError } from './source-ref';

export interface OpenOptions extends FetchOptions {
  hubUrl?: string;
  cache?: ByteCache;
  onCacheError?: (e: Error) => void;
}

/** Opens `hf:owner/name[@rev]` or an http(s) URL of a file or a folder, header first. */
export async function openRemote(text: string, options: OpenOptions = {}): Promise<CheckpointListing> {
  const ref = parseSource(text);
  const wrap = (f: ReturnType<typeof httpFolder>) => (options.cache ? cachedFolder(f, options.cache, options.onCacheError) : f);
  if (namesFile(ref) && ref.kind === 'url') {
    const u = new URL(ref.url);
    const file = u.pathname.slice(u.pathname.lastIndexOf('/') + 1);
    const folder = wrap(httpFolder(describeSource(ref), (f) => new URL(f, u).toString(), options));
    return openCheckpoint(folder, file.endsWith('.json') ? undefined : { kind: 'single', file: decodeURIComponent(file) });
  }
  return openCheckpoint(wrap(httpFolder(describeSource(ref), (f) => fileUrl(ref, f, options.hubUrl ?? DEFAULT_HUB_URL), options)));
}

/**
 * Opens what a user picked or dropped: one .safetensors file, or the files of a folder in
 * Hugging Face layout (paths relative to the folder, as webkitRelativePath gives them).
 */
export async function openLocal(files: { path: string; blob: Blob }[]): Promise<CheckpointListing> {
  if (files.length === 0) throw new SourceError('no files were given');
  const top = files[0].path.includes('/') ? files[0].path.split('/')[0] : files[0].path;
  const label = files.length === 1 ? files[0].path : top;
  const folder = blobFolder(label, files);
  const rel = files.map((f) => (files.length > 1 && f.path.startsWith(`${top}/`) ? f.path.slice(top.length + 1) : f.path));
  const layout = layoutFromFileList(rel);
  if (!layout) throw new SourceError(`${label} holds no checkpoint this app reads (one .safetensors file, model.safetensors, a sharded index, a diffusers unet or a PEFT adapter)`);
  return openCheckpoint(folder, layout);
}
