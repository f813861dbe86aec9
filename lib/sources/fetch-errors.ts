import { SourceError } from './source-ref';
import { shortAddress } from './stall-watch';

/** An HTTP failure as a sentence that says what happened and what to do. */
export function httpError(status: number, url: string): SourceError {
  const where = shortAddress(url);
  if (status === 404) return new SourceError(`${where} was not found (HTTP 404): check the repo id, the revision and the file name`);
  if (status === 401 || status === 403)
    return new SourceError(`${where} refused access (HTTP ${status}): the repo may be gated or private; accept its terms on the hub, or use a mirror that serves it`);
  if (status === 416) return new SourceError(`${where} refused the byte range asked for (HTTP 416): the file changed while it was read; load it again`);
  if (status === 429) return new SourceError(`${where} is rate-limiting requests (HTTP 429): wait a minute and try again`);
  if (status >= 500) return new SourceError(`${where} failed on the server side (HTTP ${status}): try again later`);
  return new SourceError(`${where} answered HTTP ${status}, not a file`);
}

/** A fetch that threw: a stall, a cancel, or a network/CORS refusal (browsers do not say which). */
export function networkError(e: unknown, url: string, stalled: Error | null): Error {
  if (stalled) return stalled;
  if ((e as { name?: string })?.name === 'AbortError') return e as Error; // the user cancelled: pass through unchanged
  if (e instanceof SourceError) return e;
  return new SourceError(
    `${shortAddress(url)} could not be reached: the host may be down or unknown, or it does not allow this page to read it (CORS); ` +
      'check the address, or download the file and load it from disk',
  );
}

/** What a hub's file page (…/blob/…) would be downloaded from: its …/resolve/… address. */
const resolveHint = (url: string) => {
  const m = /^(https?:\/\/[^/]+\/[^/]+\/[^/]+)\/blob\/(.+)$/.exec(url);
  return m ? `use the download address ${shortAddress(`${m[1]}/resolve/${m[2]}`)} instead` : "use the file's download (raw) address instead: on a hub, …/resolve/… rather than …/blob/…";
};

/** An address that answered with HTML: a page about the file (or a login page), not the file. */
export function webPageError(url: string): SourceError {
  return new SourceError(`${shortAddress(url)} returned a web page, not a safetensors file: ${resolveHint(url)}`);
}

/** True when bytes begin like markup ("<!DOCTYPE", "<html", after optional whitespace or a BOM). */
export function looksLikeMarkup(bytes: Uint8Array): boolean {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && i < 64 && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x3c && /^<(!doctype|html|head|body|!--|\?xml|[a-z]+[\s>])/i.test(new TextDecoder().decode(bytes.subarray(i, i + 16)));
}
