import { describe, expect, it } from 'vitest';
import { dataStart, pack, unpack } from './delta-pack';

/** A tiny safetensors file: one F16 tensor of `n` values, from a seeded generator. */
function safetensors(n: number, seed: number, base?: Uint8Array, flipLowBits = 0) {
  const header = new TextEncoder().encode(JSON.stringify({ w: { dtype: 'F16', shape: [n], data_offsets: [0, 2 * n] } }).padEnd(64, ' '));
  const out = new Uint8Array(8 + header.length + 2 * n);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 8);
  let s = seed; // mulberry32
  const rand = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 16;
  };
  const data = new Uint16Array(out.buffer, 8 + header.length, n);
  const from = base ? new Uint16Array(base.buffer, dataStart(base), n) : null;
  // A "fine-tune" keeps its base's sign, exponent and high mantissa; only the low bits move.
  for (let i = 0; i < n; i++) data[i] = from ? from[i] ^ (rand() & ((1 << flipLowBits) - 1)) : rand();
  return out;
}

describe('delta-pack', () => {
  it('finds where a safetensors file\'s data starts, and 0 for other bytes', () => {
    expect(dataStart(safetensors(10, 1))).toBe(8 + 64);
    expect(dataStart(new Uint8Array([255, 255, 255, 255, 0, 0, 0, 0, 1]))).toBe(0);
  });

  it('gives back the exact bytes, with and without a reference, odd lengths too', () => {
    const base = safetensors(4001, 7);
    const tuned = safetensors(4001, 8, base, 6);
    expect(unpack(pack(tuned, base), base)).toEqual(tuned);
    expect(unpack(pack(base))).toEqual(base);
    const odd = Uint8Array.from({ length: 999 }, (_, i) => (i * 7) % 13);
    expect(unpack(pack(odd))).toEqual(odd);
  });

  it('a fine-tune packed against its base is far smaller than alone', () => {
    const base = safetensors(20000, 3);
    const tuned = safetensors(20000, 4, base, 5);
    const alone = pack(tuned).length, against = pack(tuned, base).length;
    expect(alone).toBeGreaterThan(0.9 * tuned.length); // random fp16 bits barely deflate
    expect(against).toBeLessThan(0.6 * alone);
  });

  it('decoding against the wrong reference does not give the file back', () => {
    const base = safetensors(500, 3), other = safetensors(500, 9);
    const tuned = safetensors(500, 4, base, 4);
    expect(unpack(pack(tuned, base), other)).not.toEqual(tuned);
    expect(() => unpack(new Uint8Array([1, 2, 3]))).toThrow();
  });
});
