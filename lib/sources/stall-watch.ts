import { SourceError } from './source-ref';

/** How long a request may go without a byte (no answer yet, or a body that stopped) before it is given up. */
export const DEFAULT_STALL_MS = 30_000;

/**
 * A stall timeout for one request: it fires when no byte has arrived for `ms`, however long the
 * whole download takes (a large file on a slow line is fine; a server that stopped sending is
 * not). `signal` aborts the request on a stall or on the caller's own cancel; `touch()` is called
 * on every chunk; `error` names the address that stalled once it fired.
 */
export function stallWatch(url: string, ms: number, ...cancels: (AbortSignal | undefined)[]) {
  const stall = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => stall.abort(stalledError(url, ms)), ms);
  };
  arm();
  const signal = AbortSignal.any([stall.signal, ...cancels.filter((s): s is AbortSignal => !!s)]);
  return {
    signal,
    touch: arm,
    done: () => clearTimeout(timer),
    /** The stall's message when it fired, else null (a cancel passes through as the AbortError it is). */
    get error(): SourceError | null {
      return stall.signal.aborted ? (stall.signal.reason as SourceError) : null;
    },
  };
}

export function stalledError(url: string, ms: number): SourceError {
  const s = ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
  return new SourceError(`${shortAddress(url)} stalled: no bytes arrived for ${s}. The server may be overloaded or the connection lost; try again, or load the file from disk`);
}

export const shortAddress = (url: string) => (url.length > 120 ? url.slice(0, 117) + '...' : url);
