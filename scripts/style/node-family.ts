/** Node-side access to the shipped style family through the same loader the page uses. */
import { readFileSync } from 'node:fs';

export const fileFetch = async (url: string) => {
  const bytes = readFileSync(url);
  return {
    ok: true, status: 200,
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    json: async () => JSON.parse(bytes.toString('utf8')) as unknown,
  };
};
