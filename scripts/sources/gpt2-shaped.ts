// A GPT-2-shaped checkpoint as a sharded folder (model.safetensors.index.json + shards) whose
// tensor bytes are computed on demand: `gpt2Shaped(GPT2_SMALL)` is the real 124M-parameter layout
// (475 MiB as F32) without holding it in memory.
import { encodeHeader } from '../../lib/tensors/safetensors';
import type { ServedFile } from './model-server';

export interface Gpt2Shape {
  layers: number;
  d: number;
  vocab: number;
  context: number;
}
export const GPT2_SMALL: Gpt2Shape = { layers: 12, d: 768, vocab: 50257, context: 1024 };

export function gpt2TensorShapes({ layers, d, vocab, context }: Gpt2Shape): { name: string; shape: number[] }[] {
  const layer = (i: number) =>
    [
      ['ln_1.weight', [d]], ['ln_1.bias', [d]],
      ['attn.c_attn.weight', [d, 3 * d]], ['attn.c_attn.bias', [3 * d]],
      ['attn.c_proj.weight', [d, d]], ['attn.c_proj.bias', [d]],
      ['ln_2.weight', [d]], ['ln_2.bias', [d]],
      ['mlp.c_fc.weight', [d, 4 * d]], ['mlp.c_fc.bias', [4 * d]],
      ['mlp.c_proj.weight', [4 * d, d]], ['mlp.c_proj.bias', [d]],
    ].map(([n, shape]) => ({ name: `transformer.h.${i}.${n}`, shape: shape as number[] }));
  return [
    { name: 'transformer.wte.weight', shape: [vocab, d] },
    { name: 'transformer.wpe.weight', shape: [context, d] },
    ...Array.from({ length: layers }, (_, i) => layer(i)).flat(),
    { name: 'transformer.ln_f.weight', shape: [d] },
    { name: 'transformer.ln_f.bias', shape: [d] },
  ];
}

/** F32 value number i of a shard's data: small, deterministic, cheap to compute. */
export const valueAt = (seed: number, i: number) => ((Math.imul(i + seed, 2654435761) >>> 0) % 2001) / 1000 - 1;

/** One virtual safetensors file holding these tensors back to back. */
export function virtualSafetensors(entries: { name: string; shape: number[] }[], seed: number): ServedFile {
  const { prefix, dataBytes } = encodeHeader(entries, 'F32', { format: 'pt' });
  return {
    size: prefix.length + dataBytes,
    read(begin, end) {
      const out = new Uint8Array(end - begin);
      const head = Math.min(end, prefix.length);
      if (begin < head) out.set(prefix.subarray(begin, head), 0);
      const from = Math.max(begin, prefix.length);
      if (from >= end) return out;
      // Fill float by float; a range may start or end inside a float.
      const view = new DataView(out.buffer);
      const scratch = new DataView(new ArrayBuffer(4));
      for (let pos = from; pos < end; ) {
        const rel = pos - prefix.length;
        const i = Math.floor(rel / 4);
        if (rel % 4 === 0 && pos + 4 <= end) {
          view.setFloat32(pos - begin, valueAt(seed, i), true);
          pos += 4;
        } else {
          scratch.setFloat32(0, valueAt(seed, i), true);
          out[pos - begin] = scratch.getUint8(rel % 4);
          pos += 1;
        }
      }
      return out;
    },
  };
}

/** The folder's files by path under `dir`: an index and `shards` shard files splitting the layers. */
export function gpt2Shaped(shape: Gpt2Shape, dir: string, shards = 2, seed = 0): Map<string, ServedFile> {
  const all = gpt2TensorShapes(shape);
  const per = Math.ceil(all.length / shards);
  const files = new Map<string, ServedFile>();
  const weightMap: Record<string, string> = {};
  let total = 0;
  for (let s = 0; s < shards; s++) {
    const part = all.slice(s * per, (s + 1) * per);
    const name = `model-${String(s + 1).padStart(5, '0')}-of-${String(shards).padStart(5, '0')}.safetensors`;
    const file = virtualSafetensors(part, seed + s * 1_000_003);
    files.set(`${dir}/${name}`, file);
    for (const t of part) weightMap[t.name] = name;
    total += part.reduce((n, t) => n + t.shape.reduce((a, b) => a * b, 1) * 4, 0);
  }
  const index = JSON.stringify({ metadata: { total_size: total }, weight_map: weightMap });
  files.set(`${dir}/model.safetensors.index.json`, { size: index.length, read: (b, e) => new TextEncoder().encode(index).subarray(b, e) });
  return files;
}
