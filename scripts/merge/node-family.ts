/** Node-side loading of the shipped family through the same code the page uses. */
import { readFileSync } from 'node:fs';
import { loadMergeFamily, type MergeFamily } from '../../lib/demos/merge/merge-family';

const fileFetch = async (url: string) => {
  const bytes = readFileSync(url);
  return {
    ok: true, status: 200,
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    json: async () => JSON.parse(bytes.toString('utf8')) as unknown,
  };
};

export const loadFamilyFromDisk = (dir: string): Promise<MergeFamily> => loadMergeFamily(dir, fileFetch);
