import { httpError, networkError } from './fetch-errors';
import { SourceError } from './source-ref';
import { concatBytes } from '../util/concat-bytes';

/** Random access to the bytes of one file, local or remote. */
export interface ByteSource {
  readonly name: string;
  readonly size: number;
  /** False when a server ignored Range requests and the whole file had to be downloaded. */
  readonly ranged: boolean;
  read(begin: number, end: number, signal?: AbortSignal): Promise<Uint8Array>;
}

export interface FetchOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (p: { loaded: number; total: number }) => void;
}

/** How much the first request asks for: a header of a few thousand tensors fits. */
export const PROBE_BYTES = 1 << 18;

export function bytesSource(name: string, bytes: Uint8Array): ByteSource {
  return { name, size: bytes.length, ranged: true, read: async (b, e) => bytes.subarray(b, e) };
}

/** A local File or Blob: slices are read on demand, never the whole file at once. */
export function blobSource(name: string, blob: Blob): ByteSource {
  return { name, size: blob.size, ranged: true, read: async (b, e) => new Uint8Array(await blob.slice(b, e).arrayBuffer()) };
}

/**
 * A remote file read with HTTP Range requests. The first request asks for the first PROBE_BYTES;
 * a server that answers 200 instead of 206 ignores Range, so the body is then read whole (with
 * progress) and served from memory.
 */
export async function remoteSource(url: string, options: FetchOptions = {}): Promise<ByteSource> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const get = async (headers: Record<string, string>, signal?: AbortSignal) => {
    const signals = [AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : []), ...(options.signal ? [options.signal] : [])];
    try {
      return await doFetch(url, { headers, signal: AbortSignal.any(signals) });
    } catch (e) {
      throw networkError(e, url, timeoutMs);
    }
  };
  const first = await get({ Range: `bytes=0-${PROBE_BYTES - 1}` });
  if (first.status === 200) {
    const all = await readBody(first, url, options);
    return { ...bytesSource(url, all), ranged: false };
  }
  if (first.status !== 206) throw httpError(first.status, url);
  const size = totalFromContentRange(first.headers.get('content-range'));
  if (size === null) throw new SourceError(`${url} answered a byte range without saying the file's size (Content-Range)`);
  const probe = new Uint8Array(await first.arrayBuffer());
  return {
    name: url,
    size,
    ranged: true,
    async read(begin, end, signal) {
      if (end <= probe.length) return probe.subarray(begin, end);
      if (end <= begin) return new Uint8Array(0);
      const r = await get({ Range: `bytes=${begin}-${end - 1}` }, signal);
      if (r.status !== 206) throw httpError(r.status, url);
      return readExactly(r, end - begin, url);
    },
  };
}

export function totalFromContentRange(header: string | null): number | null {
  const m = header ? /^bytes \d+-\d+\/(\d+)$/.exec(header.trim()) : null;
  return m ? Number(m[1]) : null;
}

/** Reads a whole response body into one buffer of its announced size, reporting progress. */
async function readBody(r: Response, url: string, options: FetchOptions): Promise<Uint8Array> {
  const total = Number(r.headers.get('content-length') ?? 0);
  if (!r.body) return new Uint8Array(await r.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = r.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    options.onProgress?.({ loaded, total: Math.max(total, loaded) });
  }
  if (total && loaded !== total) throw new SourceError(`${url} sent ${loaded} of ${total} bytes: the download was cut short`);
  return concatBytes(chunks, loaded);
}

/**
 * A range's body streamed into one buffer of its final size: the tensor is in memory once, plus
 * the chunk in flight (Response.arrayBuffer() would hold every chunk and then their copy).
 */
async function readExactly(r: Response, length: number, url: string): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let at = 0;
  if (!r.body) {
    const all = new Uint8Array(await r.arrayBuffer());
    out.set(all.subarray(0, length));
    at = all.length;
  } else {
    const reader = r.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (at + value.length > length) {
        await reader.cancel();
        throw new SourceError(`${url} sent more than the ${length} bytes of the range asked for`);
      }
      out.set(value, at);
      at += value.length;
    }
  }
  if (at !== length) throw new SourceError(`${url} sent ${at} bytes for a range of ${length}: the file is cut short`);
  return out;
}
