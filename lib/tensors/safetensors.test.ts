import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/random';
import { fromHalf, toHalf } from './float16';
import { SafetensorsError, openSafetensors, readSafetensors, writeSafetensors } from './safetensors';
import type { WeightSet } from './weight-set';

const sample = (): WeightSet => ({
  tensors: {
    'a.weight': { shape: [2, 3], data: Float32Array.from([1, -2, 3.5, 0, 1e-3, -7]) },
    'a.bias': { shape: [3], data: Float32Array.from([0.25, 0.5, -0.75]) },
    scalar: { shape: [], data: Float32Array.from([42]) },
    empty: { shape: [0, 4], data: new Float32Array(0) },
  },
  metadata: { model: 'tiny' },
});

/** Builds a file from a raw header object and a data length, for malformed cases. */
function rawFile(header: unknown, dataLen: number, headerText?: string): Uint8Array {
  const json = new TextEncoder().encode(headerText ?? JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + dataLen);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

describe('safetensors', () => {
  it('round-trips F32 exactly, with metadata and tensor order', () => {
    const bytes = writeSafetensors(sample());
    const back = readSafetensors(bytes);
    expect(Object.keys(back.tensors)).toEqual(['a.weight', 'a.bias', 'scalar', 'empty']);
    expect(back.metadata).toEqual({ model: 'tiny' });
    for (const [name, t] of Object.entries(sample().tensors)) {
      expect(back.tensors[name].shape).toEqual(t.shape);
      expect(Array.from(back.tensors[name].data)).toEqual(Array.from(t.data));
    }
  });

  it('round-trips F16 within half precision and reads lazily without copying F32', () => {
    const f16 = readSafetensors(writeSafetensors(sample(), { dtype: 'F16' }));
    sample().tensors['a.weight'].data.forEach((x, i) => expect(f16.tensors['a.weight'].data[i]).toBeCloseTo(x, 2));
    const bytes = writeSafetensors(sample());
    const file = openSafetensors(bytes);
    expect(file.tensors.map((t) => t.dtype)).toEqual(['F32', 'F32', 'F32', 'F32']);
    expect(file.read('a.bias').data.buffer).toBe(bytes.buffer); // a view into the file
  });

  it('converts half floats like IEEE 754 (round to nearest even, subnormals, inf, nan)', () => {
    for (const x of [0, 1, -2, 0.5, 65504, 6.1e-5, 5.96e-8, 0.1, 1 / 3]) expect(Math.abs(fromHalf(toHalf(x)) - x)).toBeLessThanOrEqual(Math.abs(x) * 2 ** -11 + 2 ** -25);
    expect(toHalf(1)).toBe(0x3c00);
    expect(toHalf(-2)).toBe(0xc000);
    expect(toHalf(65520)).toBe(0x7c00); // rounds to inf
    expect(fromHalf(toHalf(Infinity))).toBe(Infinity);
    expect(Number.isNaN(fromHalf(toHalf(NaN)))).toBe(true);
    expect(toHalf(1 + 2 ** -11)).toBe(0x3c00); // tie -> even
    expect(toHalf(1 + 3 * 2 ** -11)).toBe(0x3c02);
  });

  it('reads BF16', () => {
    const file = rawFile({ x: { dtype: 'BF16', shape: [2], data_offsets: [0, 4] } }, 4);
    const hdr = Number(new DataView(file.buffer).getBigUint64(0, true));
    new DataView(file.buffer).setUint16(8 + hdr, 0x3f80, true); // 1.0
    new DataView(file.buffer).setUint16(8 + hdr + 2, 0xc000, true); // -2.0
    expect(Array.from(readSafetensors(file).tensors.x.data)).toEqual([1, -2]);
  });

  it.each([
    ['TRUNCATED', new Uint8Array(3)],
    ['HEADER_NOT_JSON', rawFile(null, 0, '{"a": ')],
    ['HEADER_NOT_OBJECT', rawFile([1, 2], 0)],
    ['BAD_DTYPE', rawFile({ x: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, 8)],
    ['BAD_SHAPE', rawFile({ x: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, 4)],
    ['BAD_OFFSETS', rawFile({ x: { dtype: 'F32', shape: [1], data_offsets: [4, 0] } }, 4)],
    ['SIZE_MISMATCH', rawFile({ x: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } }, 4)],
    ['OUT_OF_BOUNDS', rawFile({ x: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }, 4)],
    ['OVERLAP', rawFile({ x: { dtype: 'F32', shape: [1], data_offsets: [0, 4] }, y: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, 4)],
    ['GAP', rawFile({ x: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, 8)],
    ['BAD_METADATA', rawFile({ __metadata__: { a: 1 } }, 0)],
    ['BAD_ENTRY', rawFile({ x: 5 }, 0)],
  ])('rejects %s with a typed error', (code, bytes) => {
    try {
      readSafetensors(bytes);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SafetensorsError);
      expect((e as SafetensorsError).code).toBe(code);
    }
  });

  it('names the tensor at fault', () => {
    expect(() => readSafetensors(rawFile({ 'enc.w': { dtype: 'F32', shape: [3], data_offsets: [0, 4] } }, 4))).toThrow(/tensor "enc.w"/);
  });

  it('rejects a header length beyond the bound without allocating it', () => {
    const f = new Uint8Array(16);
    new DataView(f.buffer).setBigUint64(0, 2n ** 62n, true);
    expect(() => readSafetensors(f)).toThrow(/more than any real header/);
  });

  it('says sizes in human units, never as raw or exponent numbers', () => {
    const f = new Uint8Array(16);
    new DataView(f.buffer).setBigUint64(0, 2n ** 62n, true);
    expect(() => readSafetensors(f)).toThrow('the header claims 4.0 EB, more than any real header (100.0 MB)');
    const giant = rawFile({ x: { dtype: 'F32', shape: [2 ** 40, 2 ** 40], data_offsets: [0, 4] } }, 4);
    expect(() => readSafetensors(giant)).toThrow('needs 4.0 YB but its byte range holds 4 bytes');
    const near = rawFile({ x: { dtype: 'F32', shape: [1024], data_offsets: [0, 4092] } }, 4092);
    expect(() => readSafetensors(near)).toThrow('needs 4096 bytes but its byte range holds 4092');
    expect(() => readSafetensors(new Uint8Array(0))).toThrow('the file is 0 bytes, shorter than the 8-byte header length');
    expect(() => readSafetensors(f)).not.toThrow(/\d{10}/);
    for (const bad of [f, giant]) expect(() => readSafetensors(bad)).not.toThrow(/e\+\d/);
  });

  it('survives 2,000 fuzzed files: only typed errors or valid results, no hang', () => {
    const rand = mulberry32(1234);
    const valid = writeSafetensors(sample());
    let rejected = 0;
    for (let n = 0; n < 2000; n++) {
      const bytes = valid.slice();
      const mode = n % 4;
      const flips = 1 + Math.floor(rand() * 8);
      for (let f = 0; f < flips; f++) {
        const pos = mode === 0 ? Math.floor(rand() * 8) : mode === 1 ? 8 + Math.floor(rand() * (bytes.length - 8)) : Math.floor(rand() * bytes.length);
        bytes[pos] = Math.floor(rand() * 256);
      }
      const input = mode === 3 ? bytes.subarray(0, Math.floor(rand() * bytes.length)) : bytes;
      try {
        const ws = readSafetensors(input);
        for (const t of Object.values(ws.tensors)) expect(t.data.length).toBe(t.shape.reduce((a, b) => a * b, 1));
      } catch (e) {
        expect(e).toBeInstanceOf(SafetensorsError);
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(1000);
  });
});
