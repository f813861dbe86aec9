import { httpError, looksLikeMarkup, networkError, webPageError } from './fetch-errors';
import { DEFAULT_STALL_MS, stallWatch } from './stall-watch';
import { formatBytes } from '../util/format-bytes';
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
  /** Give a request up when no byte arrives for this long (DEFAULT_STALL_MS). */
  stallMs?: number;
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
 * progress) and served from memory. Every request, the first included, is given up when no byte
 * arrives for `stallMs` (naming the address) and stops at once on the caller's cancel. An answer
 * that is a web page (HTML) is refused as one.
 */
export async function remoteSource(url: string, options: FetchOptions = {}): Promise<ByteSource> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
  /** One request and the reading of its body, under one stall watch. */
  const request = async <T>(headers: Record<string, string>, signal: AbortSignal | undefined, body: (r: Response, touch: () => void) => Promise<T>): Promise<T> => {
    const watch = stallWatch(url, stallMs, signal, options.signal);
    try {
      const r = await doFetch(url, { headers, signal: watch.signal });
      watch.touch();
      if ((r.headers.get('content-type') ?? '').toLowerCase().includes('text/html')) {
        await r.body?.cancel().catch(() => {});
        throw webPageError(url);
      }
      return await body(r, watch.touch);
    } catch (e) {
      throw networkError(e, url, watch.error);
    } finally {
      watch.done();
    }
  };
  const first = await request({ Range: `bytes=0-${PROBE_BYTES - 1}` }, undefined, async (r, touch) => {
    if (r.status === 200) return { ranged: false as const, bytes: await readBody(r, url, touch, options.onProgress) };
    if (r.status !== 206) {
      await r.body?.cancel().catch(() => {});
      throw httpError(r.status, url);
    }
    const size = totalFromContentRange(r.headers.get('content-range'));
    if (size === null) throw new SourceError(`${url} answered a byte range without saying the file's size (Content-Range)`);
    return { ranged: true as const, size, bytes: await readBody(r, url, touch) };
  });
  if (looksLikeMarkup(first.bytes)) throw webPageError(url);
  if (!first.ranged) return { ...bytesSource(url, first.bytes), ranged: false };
  const probe = first.bytes;
  return {
    name: url,
    size: first.size,
    ranged: true,
    async read(begin, end, signal) {
      if (end <= probe.length) return probe.subarray(begin, end);
      if (end <= begin) return new Uint8Array(0);
      return request({ Range: `bytes=${begin}-${end - 1}` }, signal, async (r, touch) => {
        if (r.status !== 206) {
          await r.body?.cancel().catch(() => {});
          throw httpError(r.status, url);
        }
        return readExactly(r, end - begin, url, touch);
      });
    },
  };
}

export function totalFromContentRange(header: string | null): number | null {
  const m = header ? /^bytes \d+-\d+\/(\d+)$/.exec(header.trim()) : null;
  return m ? Number(m[1]) : null;
}

/** Reads a whole response body into one buffer of its announced size, reporting progress. */
async function readBody(r: Response, url: string, touch: () => void, onProgress?: FetchOptions['onProgress']): Promise<Uint8Array> {
  const total = Number(r.headers.get('content-length') ?? 0);
  if (!r.body) return new Uint8Array(await r.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = r.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    touch();
    chunks.push(value);
    loaded += value.length;
    onProgress?.({ loaded, total: Math.max(total, loaded) });
  }
  if (total && loaded !== total) throw new SourceError(`${url} sent ${formatBytes(loaded)} of ${formatBytes(total)}: the download was cut short`);
  return concatBytes(chunks, loaded);
}

/**
 * A range's body streamed into one buffer of its final size: the tensor is in memory once, plus
 * the chunk in flight (Response.arrayBuffer() would hold every chunk and then their copy).
 */
async function readExactly(r: Response, length: number, url: string, touch: () => void): Promise<Uint8Array> {
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
      touch();
      if (at + value.length > length) {
        await reader.cancel();
        throw new SourceError(`${url} sent more than the ${formatBytes(length)} of the range asked for`);
      }
      out.set(value, at);
      at += value.length;
    }
  }
  if (at !== length) throw new SourceError(`${url} sent ${formatBytes(at)} for a range of ${formatBytes(length)}: the file is cut short`);
  return out;
}
