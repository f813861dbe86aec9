// The shipped packed model and data files (npm run pack:models, also run by every ship script and data:merge) decode to
// exactly the plain files the manifests hash, so a page reading them gets the same tensors and scores.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unpack } from '../../lib/manifest/delta-pack';
import { manifestSchema } from '../../lib/manifest/manifest-schema';
import type { DataIndex } from '../../lib/demos/merge/dataset/dataset';

const root = 'public/models';
const folders = readdirSync(root).filter((d) => existsSync(join(root, d, 'manifest.json')));

describe.each(folders)('public/models/%s', (folder) => {
  const dir = join(root, folder);
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
  const packed = Object.entries(manifest.files).filter(([, e]) => e.packed);

  it('packs every binary file the server would send uncompressed', () => {
    const binary = Object.keys(manifest.files).filter((f) => !f.endsWith('.json'));
    expect(packed.map(([f]) => f).sort()).toEqual(binary.sort());
  });

  it.each(packed.map(([f]) => f))('%s: the packed file decodes to the bytes the manifest hashes', (file) => {
    const entry = manifest.files[file];
    const bytes = new Uint8Array(readFileSync(join(dir, entry.packed!.file)));
    expect(bytes.length).toBe(entry.packed!.bytes);
    const reference = entry.packed!.against ? new Uint8Array(readFileSync(join(dir, entry.packed!.against))) : null;
    const plain = unpack(bytes, reference);
    expect(plain.length).toBe(entry.bytes);
    expect(createHash('sha256').update(plain).digest('hex')).toBe(entry.sha256);
    expect(Buffer.compare(plain, readFileSync(join(dir, file)))).toBe(0);
  });
});

describe('public/data/merge', () => {
  const dir = 'public/data/merge';
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as DataIndex;
  const splits = index.tasks.flatMap((t) => Object.values(t.files));

  it.each(splits.map((s) => s.file))('%s: the packed split decodes to the plain file', (file) => {
    const info = splits.find((s) => s.file === file)!;
    expect(info.packed).toBeDefined();
    const plain = unpack(new Uint8Array(readFileSync(join(dir, info.packed!.file))));
    expect(createHash('sha256').update(plain).digest('hex')).toBe(info.packed!.sha256);
    expect(Buffer.compare(plain, readFileSync(join(dir, file)))).toBe(0);
  });
});
