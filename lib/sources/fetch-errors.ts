import { SourceError } from './source-ref';

/** An HTTP failure as a sentence that says what happened and what to do. */
export function httpError(status: number, url: string): SourceError {
  const where = shortUrl(url);
  if (status === 404) return new SourceError(`${where} was not found (HTTP 404): check the repo id, the revision and the file name`);
  if (status === 401 || status === 403)
    return new SourceError(`${where} refused access (HTTP ${status}): the repo may be gated or private; accept its terms on the hub, or use a mirror that serves it`);
  if (status === 416) return new SourceError(`${where} refused the byte range asked for (HTTP 416): the file changed while it was read; load it again`);
  if (status === 429) return new SourceError(`${where} is rate-limiting requests (HTTP 429): wait a minute and try again`);
  if (status >= 500) return new SourceError(`${where} failed on the server side (HTTP ${status}): try again later`);
  return new SourceError(`${where} answered HTTP ${status}, not a file`);
}

/** A fetch that threw: a timeout, a cancel, or a network/CORS refusal (browsers do not say which). */
export function networkError(e: unknown, url: string, timeoutMs: number): Error {
  const name = (e as { name?: string })?.name;
  if (name === 'AbortError') return e as Error; // the user cancelled: pass through unchanged
  if (name === 'TimeoutError') return new SourceError(`${shortUrl(url)} did not answer within ${Math.round(timeoutMs / 1000)} s: check the address or try again`);
  return new SourceError(
    `${shortUrl(url)} could not be reached: the host may be down or unknown, or it does not allow this page to read it (CORS); ` +
      'check the address, or download the file and load it from disk',
  );
}

export const shortUrl = (url: string) => (url.length > 120 ? url.slice(0, 117) + '...' : url);
