import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pack } from '../../../manifest/delta-pack';
import { type DataIndex, encodeImageSet } from './dataset';
import { loadTaskSplit } from './fetch-data';

const PIXELS = 28 * 28;
const set = { count: 3, images: Uint8Array.from({ length: 3 * PIXELS }, (_, i) => (i % 29 < 9 ? 255 : 0)), labels: Uint8Array.of(0, 1, 2) };
const plain = encodeImageSet(set);
const packed = pack(plain);
const index = (sha256: string): DataIndex => ({
  imageSize: 28,
  seed: 1,
  tasks: [{ name: 't', title: 'T', classes: ['a', 'b', 'c'], splitBy: 'x', source: 'y', files: { val: { file: 't-val.bin', count: 3, packed: { file: 't-val.bin.packed', bytes: packed.length, sha256 } } } }],
});

function serve(files: Record<string, Uint8Array>) {
  const asked: string[] = [];
  const fetchFn = async (url: string) => {
    asked.push(url);
    const b = files[url.slice(url.lastIndexOf('/') + 1)];
    return { ok: !!b, status: b ? 200 : 404, arrayBuffer: async () => (b ?? new Uint8Array()).slice().buffer as ArrayBuffer, json: async () => null };
  };
  return { fetchFn, asked };
}

describe('loadTaskSplit', () => {
  const sha = createHash('sha256').update(plain).digest('hex');

  it('reads the packed split when the index lists one, and gets the same images', async () => {
    const { fetchFn, asked } = serve({ 't-val.bin.packed': packed, 't-val.bin': plain });
    const got = await loadTaskSplit(index(sha), 't', 'val', '/d', fetchFn);
    expect(asked).toEqual(['/d/t-val.bin.packed']);
    expect(got.images).toEqual(set.images);
    expect(got.labels).toEqual(set.labels);
  });

  it('reads the plain file when the packed one is missing or does not match its hash', async () => {
    for (const [files, hash] of [[{ 't-val.bin': plain }, sha], [{ 't-val.bin.packed': packed, 't-val.bin': plain }, '0'.repeat(64)]] as const) {
      const { fetchFn, asked } = serve(files);
      expect((await loadTaskSplit(index(hash), 't', 'val', '/d', fetchFn)).labels).toEqual(set.labels);
      expect(asked.at(-1)).toBe('/d/t-val.bin');
    }
  });
});
