// A local HTTP server for checkpoints, as a hub or a mirror serves them: byte ranges (or not),
// CORS (or not), optional latency per request. Files may be virtual: their bytes are made on
// demand, so a GPT-2-small-sized model costs no memory to serve. Used by the sources benchmark
// and the /lab end-to-end test.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedFile {
  size: number;
  /** Bytes [begin, end) of the file. */
  read(begin: number, end: number): Uint8Array;
}

export const bytesFile = (bytes: Uint8Array | string): ServedFile => {
  const b = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return { size: b.length, read: (s, e) => b.subarray(s, e) };
};

export interface ServerOptions {
  /** Paths starting with one of these answer without Access-Control-Allow-Origin (a CORS refusal). */
  noCors?: string[];
  /** Paths starting with one of these ignore Range and send the whole file. */
  noRange?: string[];
  latencyMs?: number;
  /** Paths starting with one of these answer as a web page (Content-Type: text/html), as a hub's file page does. */
  html?: string[];
  /** Paths starting with one of these send `bytes` bytes every `everyMs` ms: a server that all but stalled. */
  trickle?: { paths: string[]; bytes: number; everyMs: number };
  /** Requests seen, as "METHOD path range". */
  log?: string[];
}

const CHUNK = 1 << 20;

export async function startModelServer(files: Map<string, ServedFile>, options: ServerOptions = {}): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    options.log?.push(`${req.method} ${path} ${req.headers.range ?? ''}`.trim());
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const cors = !options.noCors?.some((p) => path.startsWith(p));
    const headers: Record<string, string | number> = cors
      ? { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'Content-Range, Content-Length, Accept-Ranges', 'Cross-Origin-Resource-Policy': 'cross-origin' }
      : {};
    if (req.method === 'OPTIONS') return res.writeHead(204, { ...headers, 'Access-Control-Allow-Headers': 'Range', 'Access-Control-Allow-Methods': 'GET, HEAD' }).end();
    const file = files.get(path);
    if (!file) return res.writeHead(404, headers).end();
    const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const ranged = m && !options.noRange?.some((p) => path.startsWith(p));
    const type = options.html?.some((p) => path.startsWith(p)) ? 'text/html; charset=utf-8' : 'application/octet-stream';
    let begin = 0, end = file.size;
    if (ranged) {
      begin = Number(m[1]);
      end = Math.min(m[2] ? Number(m[2]) + 1 : file.size, file.size);
      if (begin >= file.size) return res.writeHead(416, { ...headers, 'Content-Range': `bytes */${file.size}` }).end();
      res.writeHead(206, { ...headers, 'Accept-Ranges': 'bytes', 'Content-Range': `bytes ${begin}-${end - 1}/${file.size}`, 'Content-Length': end - begin, 'Content-Type': type });
    } else res.writeHead(200, { ...headers, 'Accept-Ranges': 'bytes', 'Content-Length': file.size, 'Content-Type': type });
    if (req.method === 'HEAD') return res.end();
    const trickle = options.trickle?.paths.some((p) => path.startsWith(p)) ? options.trickle : undefined;
    if (trickle) {
      for (let at = begin; at < end && !res.destroyed; at += trickle.bytes) {
        res.write(file.read(at, Math.min(at + trickle.bytes, end)));
        await new Promise((r) => setTimeout(r, trickle.everyMs));
      }
      return res.end();
    }
    // Stream in chunks, waiting for the socket to drain: the server never holds a whole tensor.
    for (let at = begin; at < end; at += CHUNK) {
      if (res.destroyed) return;
      if (!res.write(file.read(at, Math.min(at + CHUNK, end)))) await new Promise((r) => res.once('drain', r));
    }
    res.end();
  };
  const server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}
