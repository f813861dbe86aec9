import type { z } from 'zod';
import { decodeState, MAX_ENCODED_LENGTH } from './codec';
import { readTable, writeTable } from './property-table';

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

/** The key of a link's state version in the fragment (`#v=1&eta=0.5&...`). */
export const VERSION_KEY = 'v';

export type LinkRead<T> = { kind: 'none' } | { kind: 'ok'; value: T; legacy: boolean } | { kind: 'error'; error: string };

/**
 * A page's state from its URL: the fragment's `key=value` pairs, read through the state's
 * property table (lib/url-state/property-table), or a link written before them (`#s=v1.…` or
 * `?s=v1.…`, a compressed blob), which still opens: the migration is decoding it with the same
 * schema, since the state kept its shape.
 */
export function readLink<T>(url: URL, schema: z.ZodType<T>, version: number, defaults: T): LinkRead<T> {
  const hash = url.hash.slice(1);
  if (hash.length > MAX_ENCODED_LENGTH)
    return { kind: 'error', error: `the link's state is too long (${hash.length} characters; links this app writes stay under ${MAX_ENCODED_LENGTH})` };
  const legacy = readStateParam(url);
  if (legacy !== null) {
    const r = decodeState(schema, version, legacy);
    return r.ok ? { kind: 'ok', value: r.value, legacy: true } : { kind: 'error', error: r.error };
  }
  const params = [...new URLSearchParams(hash)];
  if (params.length === 0) return { kind: 'none' };
  const v = params.find(([k]) => k === VERSION_KEY)?.[1];
  if (v !== undefined && v !== String(version)) return { kind: 'error', error: `the link was made by version ${v.slice(0, 8)} of this page; this is version ${version}` };
  const r = readTable(schema, defaults, params, [VERSION_KEY]);
  return r.ok ? { kind: 'ok', value: r.value, legacy: false } : { kind: 'error', error: r.error };
}

/** Commas and dots stay readable in a link; everything else is percent-encoded. */
const encodeValue = (s: string) => encodeURIComponent(s).replace(/%2C/g, ',');

/** The same URL with `value` written into its fragment, row by row (and any old `?s=` removed). */
export function withLink<T>(url: URL, schema: z.ZodType<T>, version: number, value: T): URL {
  const next = new URL(url);
  next.searchParams.delete(STATE_KEY);
  next.hash = [[VERSION_KEY, String(version)], ...writeTable(schema, value)].map(([k, v]) => `${k}=${encodeValue(v)}`).join('&');
  return next;
}
