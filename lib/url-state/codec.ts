import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import type { z } from 'zod';
import { describeIssue } from './describe-issue';
import { concatBytes } from '../util/concat-bytes';

/**
 * Page state in a URL: "v<version>.<base64url(deflate(JSON))>". Versioned so old links can be
 * recognised, compressed so links paste into chat, and decoded defensively: every step is
 * bounded and the result must pass the page's zod schema, or the page falls back to defaults.
 */
export const MAX_ENCODED_LENGTH = 8192;
export const MAX_DECODED_BYTES = 64 * 1024;

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; error: string };

const toBase64Url = (bytes: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** Failures while reading a link, each with a message a user can act on (never a browser internal). */
class LinkError extends Error {}
const DAMAGED = 'the link is damaged or cut short (copy the whole link again, or ask for a new one)';

const fromBase64Url = (text: string): Uint8Array => {
  // A length of 1 mod 4 is never valid base64: a link cut off in the middle of a character.
  if (text.length % 4 === 1) throw new LinkError(DAMAGED);
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let bin: string;
  try {
    bin = atob(b64);
  } catch {
    throw new LinkError(DAMAGED);
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
};

/** Inflates with a hard cap on the output, so a tiny "zip bomb" link cannot eat memory. */
function inflateBounded(data: Uint8Array, limit: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) throw new LinkError(`the link's state is larger than ${limit / 1024} kB once unpacked, more than this app ever writes`);
    chunks.push(chunk);
  });
  try {
    inflater.push(data, true);
  } catch (e) {
    if (e instanceof LinkError) throw e;
    throw new LinkError(DAMAGED);
  }
  return concatBytes(chunks, total);
}

export function encodeState(version: number, value: unknown): string {
  return `v${version}.${toBase64Url(deflateSync(strToU8(JSON.stringify(value)), { level: 9 }))}`;
}

export function decodeState<S extends z.ZodType>(schema: S, version: number, text: string): DecodeResult<z.output<S>> {
  try {
    if (text.length > MAX_ENCODED_LENGTH)
      return { ok: false, error: `the link's state is too long (${text.length} characters; links this app writes stay under ${MAX_ENCODED_LENGTH})` };
    const m = /^v(\d{1,4})\.([A-Za-z0-9_-]*)$/.exec(text);
    if (!m) return { ok: false, error: 'the link is not in a format this app wrote' };
    if (Number(m[1]) !== version) return { ok: false, error: `the link was made by version ${m[1]} of this page; this is version ${version}` };
    const json = strFromU8(inflateBounded(fromBase64Url(m[2]), MAX_DECODED_BYTES));
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      throw new LinkError(DAMAGED);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      return { ok: false, error: `the link has an invalid setting: ${describeIssue(parsed.error.issues[0], value)}` };
    }
    return { ok: true, value: parsed.data };
  } catch (e) {
    return { ok: false, error: e instanceof LinkError ? e.message : DAMAGED };
  }
}
