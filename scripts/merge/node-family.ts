/** Node-side loading of the shipped family and data through the same code the page uses. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeImageSet, type ImageSet } from '../../lib/datasets/merge/dataset';
import { loadMergeFamily, type MergeFamily } from '../../lib/merge/merge-family';

const fileFetch = async (url: string) => {
  const bytes = readFileSync(url);
  return {
    ok: true, status: 200,
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    json: async () => JSON.parse(bytes.toString('utf8')) as unknown,
  };
};

export const loadFamilyFromDisk = (dir: string): Promise<MergeFamily> => loadMergeFamily(dir, fileFetch);

export const loadSplit = (task: string, split: 'train' | 'val' | 'test', dir = 'public/data/merge'): ImageSet =>
  decodeImageSet(new Uint8Array(readFileSync(join(dir, `${task}-${split}.bin`))));
