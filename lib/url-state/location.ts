/**
 * Where a page's state lives in its URL: the fragment (`#s=...`). A fragment never reaches the
 * server, so no header limit applies and a huge or hostile link always opens the app, which then
 * refuses it with a message. Links written before the move (`?s=...`) are still read.
 */
export const STATE_KEY = 's';

export function readStateParam(url: URL): string | null {
  return new URLSearchParams(url.hash.slice(1)).get(STATE_KEY) ?? url.searchParams.get(STATE_KEY);
}

/** The same URL with `encoded` as its state (and any old query-string state removed). */
export function withStateParam(url: URL, encoded: string): URL {
  const next = new URL(url);
  next.searchParams.delete(STATE_KEY);
  const hash = new URLSearchParams(next.hash.slice(1));
  hash.set(STATE_KEY, encoded);
  next.hash = hash.toString();
  return next;
}
