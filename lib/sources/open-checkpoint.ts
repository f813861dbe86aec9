import type { TensorInfo } from '../tensors/safetensors';
import type { Tensor } from '../tensors/weight-set';
import { type ByteSource, type FetchOptions, remoteSource } from './byte-source';
import { type Layout, detectLayout } from './checkpoint-layout';
import { httpError, networkError } from './fetch-errors';
import { DEFAULT_STALL_MS, stallWatch } from './stall-watch';
import { SourceError } from './source-ref';
import { listSafetensors, readTensor, type SafetensorsListing } from './safetensors-source';
import { parseShardedIndex } from './sharded-index';

/** Opens one file of a checkpoint folder by its relative path (remote URL, local File, bytes). */
export interface FolderReader {
  label: string;
  exists(file: string): Promise<boolean>;
  open(file: string): Promise<ByteSource>;
  text(file: string): Promise<string>;
}

export interface CheckpointListing {
  label: string;
  layout: Layout;
  /** Every tensor with the file that holds it: the header preview, before any tensor is read. */
  tensors: { name: string; file: string; info: TensorInfo }[];
  totalBytes: number;
  /** __metadata__ of the files, merged. */
  metadata: Record<string, string>;
  /** PEFT: the adapter_config.json text. */
  adapterConfig?: string;
  read(name: string, signal?: AbortSignal): Promise<Tensor>;
}

/** Header first: finds the layout, reads the index and every shard's header, no tensor data. */
export async function openCheckpoint(folder: FolderReader, layout?: Layout): Promise<CheckpointListing> {
  const found = layout ?? (await detectLayout((f) => folder.exists(f)));
  if (!found) throw new SourceError(`${folder.label} holds no checkpoint this app reads (model.safetensors, a sharded index, a diffusers unet or a PEFT adapter)`);
  const files =
    found.kind === 'peft' ? [found.weights] : found.kind === 'single' ? [found.file] : shardPaths(found.index, parseShardedIndex(await folder.text(found.index), found.index).shards);
  const listings = new Map<string, SafetensorsListing>();
  for (const f of files) {
    try {
      listings.set(f, await listSafetensors(await folder.open(f)));
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      throw fileError(folder.label, f, e as Error);
    }
  }
  const tensors = [...listings].flatMap(([file, l]) => l.tensors.map((info) => ({ name: info.name, file, info })));
  const seen = new Set<string>();
  for (const t of tensors) {
    if (seen.has(t.name)) throw new SourceError(`${folder.label}: tensor ${t.name} appears in more than one shard`);
    seen.add(t.name);
  }
  const byName = new Map(tensors.map((t) => [t.name, t]));
  return {
    label: folder.label,
    layout: found,
    tensors,
    totalBytes: tensors.reduce((n, t) => n + t.info.end - t.info.begin, 0),
    metadata: Object.assign({}, ...[...listings.values()].map((l) => l.metadata)),
    adapterConfig: found.kind === 'peft' ? await folder.text(found.config) : undefined,
    async read(name, signal) {
      const t = byName.get(name);
      if (!t) throw new SourceError(`${folder.label} has no tensor ${name}`);
      return readTensor(listings.get(t.file)!, t.info, signal);
    },
  };
}

/**
 * A file's failure, naming the file once: a remote failure already starts with its address; a
 * parse failure gets the file's path (a single picked file is its own label).
 */
function fileError(label: string, file: string, e: Error): SourceError {
  if (/^https?:\/\//.test(e.message)) return e instanceof SourceError ? e : new SourceError(e.message);
  const where = label.endsWith(file) ? label : label.endsWith('/') ? label + file : `${label}/${file}`;
  return new SourceError(`${where}: ${e.message.replace(/^safetensors: /, '')}`);
}

/** Shards live next to their index (diffusers: inside unet/). */
const shardPaths = (index: string, shards: string[]) => {
  const dir = index.includes('/') ? index.slice(0, index.lastIndexOf('/') + 1) : '';
  return shards.map((s) => dir + s);
};

/** A folder on an HTTP server or hub, addressed by a function from relative path to URL. */
export function httpFolder(label: string, urlOf: (file: string) => string, options: FetchOptions = {}): FolderReader {
  const doFetch = options.fetch ?? globalThis.fetch;
  return {
    label,
    async exists(file) {
      const url = urlOf(file);
      const watch = stallWatch(url, options.stallMs ?? DEFAULT_STALL_MS, options.signal);
      try {
        const r = await doFetch(url, { headers: { Range: 'bytes=0-0' }, signal: watch.signal });
        await r.body?.cancel(); // a server that ignores Range would otherwise send the whole file
        if (r.status === 404) return false;
        if (r.ok) return true;
        throw httpError(r.status, url);
      } catch (e) {
        throw networkError(e, url, watch.error);
      } finally {
        watch.done();
      }
    },
    open: (file) => remoteSource(urlOf(file), options),
    async text(file) {
      const s = await remoteSource(urlOf(file), options);
      return new TextDecoder().decode(await s.read(0, s.size));
    },
  };
}

