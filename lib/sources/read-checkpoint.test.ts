import { describe, expect, it } from 'vitest';
import { writeSafetensors } from '../tensors/safetensors';
import { openLocal } from './open-source';
import { readCheckpoint } from './read-checkpoint';

const t = (n: number, v: number) => ({ shape: [n], data: new Float32Array(n).fill(v) });
const shard = (tensors: Record<string, { shape: number[]; data: Float32Array }>) => new Blob([new Uint8Array(writeSafetensors({ tensors }))]);

describe('reading a checkpoint tensor by tensor', () => {
  it('opens a picked folder by its layout and reports bytes per file, ending at each file total', async () => {
    const index = JSON.stringify({ weight_map: { 'model.a': 'model-1.safetensors', 'model.b': 'model-1.safetensors', 'model.c': 'model-2.safetensors' } });
    const listing = await openLocal([
      { path: 'gpt/model.safetensors.index.json', blob: new Blob([index]) },
      { path: 'gpt/model-1.safetensors', blob: shard({ 'model.a': t(4, 1), 'model.b': t(8, 2) }) },
      { path: 'gpt/model-2.safetensors', blob: shard({ 'model.c': t(2, 3) }) },
      { path: 'gpt/README.md', blob: new Blob(['hi']) },
    ]);
    expect(listing.label).toBe('gpt');
    const seen: string[] = [];
    const ws = await readCheckpoint(listing, { onProgress: (p) => seen.push(`${p.file} ${p.loaded}/${p.total}`), rename: (n) => n.replace(/^model\./, '') });
    expect(seen).toEqual(['model-1.safetensors 16/48', 'model-1.safetensors 48/48', 'model-2.safetensors 8/8']);
    expect(Object.keys(ws.tensors)).toEqual(['a', 'b', 'c']);
    // Each tensor owns its whole buffer, so a list of them can be transferred to a worker.
    for (const x of Object.values(ws.tensors)) expect(x.data.buffer.byteLength).toBe(x.data.byteLength);
    expect(Array.from(ws.tensors.c.data)).toEqual([3, 3]);
  });

  it('stops when cancelled and refuses a folder with no checkpoint', async () => {
    const listing = await openLocal([{ path: 'one.safetensors', blob: shard({ x: t(3, 1) }) }]);
    const stop = new AbortController();
    stop.abort();
    await expect(readCheckpoint(listing, { signal: stop.signal })).rejects.toThrow(/abort/i);
    await expect(openLocal([{ path: 'notes/a.txt', blob: new Blob(['x']) }])).rejects.toThrow(/holds no checkpoint/);
  });
});
