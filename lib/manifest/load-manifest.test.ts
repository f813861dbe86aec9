import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadDetoxFamily } from '../demos/detox/load-models';
import { loadMergeFamily } from '../demos/merge/merge-family';
import { loadStyleFamily } from '../demos/style/style-manifest';
import { pack } from './delta-pack';
import { type FetchLike, openModelFolder } from './load-manifest';
import { manifestSchema } from './manifest-schema';
import { sha256Hex } from './sha256';

const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const enc = (s: string) => new TextEncoder().encode(s);

/** An in-memory folder served through the FetchLike interface. */
function folder(files: Record<string, Uint8Array>): FetchLike {
  return async (url) => {
    const bytes = files[url.slice(url.lastIndexOf('/') + 1)];
    return bytes
      ? { ok: true, status: 200, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer }
      : { ok: false, status: 404, arrayBuffer: async () => new ArrayBuffer(0) };
  };
}

const good = enc('weights');
const manifest = (over: Record<string, unknown> = {}) => enc(JSON.stringify({ files: { 'a.bin': { sha256: hex(good), bytes: good.length }, 'gone.bin': { sha256: hex(good), bytes: good.length } }, note: 1, ...over }));

describe('model folders', () => {
  it('Web Crypto sha256 equals Node crypto', async () => {
    const data = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31) & 255);
    expect(await sha256Hex(data)).toBe(hex(data));
  });

  it('reads a listed file whose bytes match, and keeps unknown manifest fields', async () => {
    const f = await openModelFolder('/m', manifestSchema, folder({ 'manifest.json': manifest(), 'a.bin': good }));
    expect(new Uint8Array(await f.read('a.bin'))).toEqual(good);
    expect(f.manifest.note).toBe(1);
  });

  it('names a corrupt, a missing and an unlisted file', async () => {
    const f = await openModelFolder('/m', manifestSchema, folder({ 'manifest.json': manifest(), 'a.bin': enc('weightz') }));
    await expect(f.read('a.bin')).rejects.toThrow(/\/m\/a\.bin is corrupt: its sha256 is/);
    await expect(f.read('gone.bin')).rejects.toThrow('/m/gone.bin is missing (HTTP 404)');
    await expect(f.read('other.bin')).rejects.toThrow('/m/manifest.json does not list other.bin');
    const short = await openModelFolder('/m', manifestSchema, folder({ 'manifest.json': manifest(), 'a.bin': enc('weight') }));
    await expect(short.read('a.bin')).rejects.toThrow('/m/a.bin is corrupt: 6 bytes, the manifest says 7');
    expect(await f.readUnlisted('eval.json')).toBeNull();
  });

  it('reads a packed file against its reference, fetching each file once, and falls back to the plain file', async () => {
    const base = Uint8Array.from({ length: 3000 }, (_, i) => (i * 37) & 255);
    const tuned = base.map((b, i) => (i % 5 === 0 ? b ^ 1 : b));
    const entry = (b: Uint8Array, packed?: object) => ({ sha256: hex(b), bytes: b.length, ...(packed ? { packed } : {}) });
    const packedTuned = pack(tuned, base), packedBase = pack(base);
    const files = {
      'base.bin': entry(base, { file: 'base.bin.packed', bytes: packedBase.length }),
      'tuned.bin': entry(tuned, { file: 'tuned.bin.packed', bytes: packedTuned.length, against: 'base.bin' }),
    };
    const served = { 'manifest.json': enc(JSON.stringify({ files })), 'base.bin.packed': packedBase, 'tuned.bin.packed': packedTuned };
    const fetched: string[] = [];
    const serve = folder(served);
    const f = await openModelFolder('/m', manifestSchema, (url) => (fetched.push(url.slice(3)), serve(url)));
    const [t, b] = await Promise.all([f.read('tuned.bin'), f.read('base.bin')]);
    expect(new Uint8Array(t)).toEqual(tuned);
    expect(new Uint8Array(b)).toEqual(base);
    expect(fetched.sort()).toEqual(['base.bin.packed', 'manifest.json', 'tuned.bin.packed']);
    // An older server without the packed files: the plain ones are read instead.
    const old = await openModelFolder('/m', manifestSchema, folder({ 'manifest.json': served['manifest.json'], 'tuned.bin': tuned, 'base.bin': base }));
    expect(new Uint8Array(await old.read('tuned.bin'))).toEqual(tuned);
  });

  it('refuses a manifest that does not match its schema, saying which field', async () => {
    await expect(openModelFolder('/m', manifestSchema, folder({}))).rejects.toThrow('/m/manifest.json is missing (HTTP 404)');
    await expect(openModelFolder('/m', manifestSchema, folder({ 'manifest.json': enc('{') }))).rejects.toThrow('not valid JSON');
    const bad = enc(JSON.stringify({ files: { 'a.bin': { sha256: 'xyz', bytes: 1 } } }));
    await expect(openModelFolder('/m', manifestSchema, folder({ 'manifest.json': bad }))).rejects.toThrow(/files\.a\.bin\.sha256/);
    const strict = manifestSchema.extend({ format: z.literal('x@1') });
    await expect(openModelFolder('/m', strict, folder({ 'manifest.json': manifest() }))).rejects.toThrow(/format/);
  });
});

/** The shipped folders, read from disk through the same loaders the page uses. */
const disk: FetchLike = async (url) => {
  try {
    const b = readFileSync(join('public', url));
    return { ok: true, status: 200, arrayBuffer: async () => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer };
  } catch {
    return { ok: false, status: 404, arrayBuffer: async () => new ArrayBuffer(0) };
  }
};

describe('the shipped manifests', () => {
  it('merge, style and detox parse and every listed file matches its sha256', async () => {
    const merge = await loadMergeFamily('models/merge', disk);
    expect(Object.keys(merge.encoders)).toHaveLength(merge.manifest.tasks.length);
    const style = await loadStyleFamily('models/style', disk);
    expect(Object.keys(style.styles)).toHaveLength(style.manifest.styles.length);
    const detox = await loadDetoxFamily('models/detox', disk);
    expect(detox.matchers.full('x')).toBe(false);
    // v1 shipped its sweeps as eval.json; npm run ship:detox removes it and the page never asks for it (docs' detox.json is served).
    expect(existsSync('public/models/detox/eval.json')).toBe(false);
  });
});
