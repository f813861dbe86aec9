/**
 * safetensors: 8-byte little-endian header length, a JSON header, then one byte buffer.
 * Spec: https://github.com/huggingface/safetensors#format
 * The header is validated completely before any tensor is touched; tensors decode on demand.
 */
import { fromBfloat16, fromHalf, toHalf } from './float16';
import { formatBytes } from '../util/format-bytes';
import { numel, type Tensor, type WeightSet } from './weight-set';

export type DType = 'F32' | 'F16' | 'BF16';
const BYTES: Record<DType, number> = { F32: 4, F16: 2, BF16: 2 };
/** A header larger than this is hostile or broken; real ones are a few KB per thousand tensors. */
export const MAX_HEADER_BYTES = 100 * 1024 * 1024;

export type SafetensorsErrorCode =
  | 'TRUNCATED'
  | 'HEADER_TOO_LARGE'
  | 'HEADER_NOT_JSON'
  | 'HEADER_NOT_OBJECT'
  | 'BAD_ENTRY'
  | 'BAD_DTYPE'
  | 'BAD_SHAPE'
  | 'BAD_OFFSETS'
  | 'SIZE_MISMATCH'
  | 'OUT_OF_BOUNDS'
  | 'OVERLAP'
  | 'GAP'
  | 'BAD_METADATA'
  | 'UNKNOWN_TENSOR';

export class SafetensorsError extends Error {
  constructor(readonly code: SafetensorsErrorCode, message: string, readonly tensor?: string) {
    super(tensor ? `safetensors: tensor "${tensor}": ${message}` : `safetensors: ${message}`);
    this.name = 'SafetensorsError';
  }
}

export interface TensorInfo {
  name: string;
  dtype: DType;
  shape: number[];
  /** Byte range inside the data buffer (after the header). */
  begin: number;
  end: number;
}

export interface SafetensorsFile {
  tensors: TensorInfo[];
  metadata: Record<string, string>;
  /** Decodes one tensor to float32. F32 data aligned in memory is returned as a view, not a copy. */
  read(name: string): Tensor;
  /** Decodes every tensor: a full WeightSet. */
  readAll(): WeightSet;
}

/** Two sizes that differ, in words; exact counts when the rounded words would read the same. */
const sizes = (need: number, have: number) =>
  formatBytes(need) === formatBytes(have) ? `${need} bytes but its byte range holds ${have}` : `${formatBytes(need)} but its byte range holds ${formatBytes(have)}`;

const isUint = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** The header's length from the file's first 8 bytes, bounded. */
export function headerLength(first8: Uint8Array, fileSize: number): number {
  if (first8.length < 8 || fileSize < 8) throw new SafetensorsError('TRUNCATED', `the file is ${formatBytes(fileSize)}, shorter than the 8-byte header length`);
  const headerLen = Number(new DataView(first8.buffer, first8.byteOffset, 8).getBigUint64(0, true));
  if (headerLen > MAX_HEADER_BYTES) throw new SafetensorsError('HEADER_TOO_LARGE', `the header claims ${formatBytes(headerLen)}, more than any real header (${formatBytes(MAX_HEADER_BYTES)}): the file is damaged or not a safetensors file`);
  if (8 + headerLen > fileSize) throw new SafetensorsError('TRUNCATED', `the header claims ${formatBytes(headerLen)} but the file has only ${formatBytes(fileSize - 8)} after its length: the file is cut short`);
  return headerLen;
}

/**
 * Validates a header completely against the size of the data that follows it. Needs only the
 * header bytes, so a remote file can be listed before any tensor is downloaded.
 */
export function parseSafetensorsHeader(headerBytes: Uint8Array, dataLen: number): { tensors: TensorInfo[]; metadata: Record<string, string> } {
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
  } catch {
    throw new SafetensorsError('HEADER_NOT_JSON', 'header is not valid UTF-8 JSON: the file is damaged or not a safetensors file');
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new SafetensorsError('HEADER_NOT_OBJECT', 'header must be a JSON object');
  }

  let metadata: Record<string, string> = {};
  const tensors: TensorInfo[] = [];
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry) || !Object.values(entry).every((v) => typeof v === 'string')) {
        throw new SafetensorsError('BAD_METADATA', '__metadata__ must map strings to strings');
      }
      metadata = { ...(entry as Record<string, string>) };
      continue;
    }
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new SafetensorsError('BAD_ENTRY', 'entry must be an object', name);
    const { dtype, shape, data_offsets: offsets } = entry as Record<string, unknown>;
    if (typeof dtype !== 'string' || !(dtype in BYTES)) {
      throw new SafetensorsError('BAD_DTYPE', `dtype ${JSON.stringify(dtype)} is not supported (F32, F16, BF16)`, name);
    }
    if (!Array.isArray(shape) || !shape.every(isUint)) throw new SafetensorsError('BAD_SHAPE', 'shape must be an array of non-negative integers', name);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isUint) || offsets[0] > offsets[1]) {
      throw new SafetensorsError('BAD_OFFSETS', 'data_offsets must be [begin, end] with 0 <= begin <= end', name);
    }
    const [begin, end] = offsets as [number, number];
    const expected = numel(shape as number[]) * BYTES[dtype as DType];
    if (end - begin !== expected) {
      throw new SafetensorsError('SIZE_MISMATCH', `shape [${shape}] x ${dtype} needs ${sizes(expected, end - begin)}`, name);
    }
    if (end > dataLen) throw new SafetensorsError('OUT_OF_BOUNDS', `byte range [${begin}, ${end}) runs past the data (${formatBytes(dataLen)})`, name);
    tensors.push({ name, dtype: dtype as DType, shape: [...(shape as number[])], begin, end });
  }

  // The buffer must be covered exactly once, in order: no overlaps, no hidden bytes.
  const sorted = [...tensors].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = 0;
  for (const t of sorted) {
    if (t.begin < cursor) throw new SafetensorsError('OVERLAP', `byte range [${t.begin}, ${t.end}) overlaps the previous tensor`, t.name);
    if (t.begin > cursor) throw new SafetensorsError('GAP', `unused bytes before offset ${t.begin}`, t.name);
    cursor = t.end;
  }
  if (cursor !== dataLen) throw new SafetensorsError('GAP', `${formatBytes(dataLen - cursor)} at the end are not part of any tensor`);

  return { tensors, metadata };
}

export function openSafetensors(input: ArrayBuffer | Uint8Array): SafetensorsFile {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const headerLen = headerLength(bytes.subarray(0, 8), bytes.length);
  const dataStart = 8 + headerLen;
  const { tensors, metadata } = parseSafetensorsHeader(bytes.subarray(8, dataStart), bytes.length - dataStart);

  const byName = new Map(tensors.map((t) => [t.name, t]));
  const read = (name: string): Tensor => {
    const info = byName.get(name);
    if (!info) throw new SafetensorsError('UNKNOWN_TENSOR', 'no such tensor in this file', name);
    return { shape: [...info.shape], data: decodeTensor(bytes, dataStart + info.begin, info) };
  };
  return {
    tensors,
    metadata,
    read,
    readAll() {
      const out: Record<string, Tensor> = {};
      for (const t of tensors) out[t.name] = read(t.name);
      return { tensors: out, metadata: { ...metadata } };
    },
  };
}

/** Decodes one tensor whose bytes start at `offset` of `bytes` (a view when F32 and aligned). */
export function decodeTensor(bytes: Uint8Array, offset: number, info: TensorInfo): Float32Array {
  const n = numel(info.shape);
  const abs = bytes.byteOffset + offset;
  if (info.dtype === 'F32') {
    if (abs % 4 === 0) return new Float32Array(bytes.buffer, abs, n);
    return new Float32Array(bytes.slice(offset, offset + n * 4).buffer);
  }
  const view = new DataView(bytes.buffer, abs, n * 2);
  const out = new Float32Array(n);
  const conv = info.dtype === 'F16' ? fromHalf : fromBfloat16;
  for (let i = 0; i < n; i++) out[i] = conv(view.getUint16(i * 2, true));
  return out;
}

export function readSafetensors(input: ArrayBuffer | Uint8Array): WeightSet {
  return openSafetensors(input).readAll();
}

export interface WriteOptions {
  dtype?: 'F32' | 'F16';
  metadata?: Record<string, string>;
}

/**
 * The 8-byte length and the JSON header of a file holding tensors of these shapes, in order and
 * back to back, padded with spaces so the data starts 8-byte aligned (F32 reads are then zero-copy).
 */
export function encodeHeader(entries: { name: string; shape: number[] }[], dtype: DType, metadata: Record<string, string> = {}): { prefix: Uint8Array; dataBytes: number } {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length) header.__metadata__ = metadata;
  let offset = 0;
  for (const { name, shape } of entries) {
    const len = numel(shape) * BYTES[dtype];
    header[name] = { dtype, shape, data_offsets: [offset, offset + len] };
    offset += len;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  const prefix = new Uint8Array(8 + padded).fill(0x20, 8);
  new DataView(prefix.buffer).setBigUint64(0, BigInt(padded), true);
  prefix.set(json, 8);
  return { prefix, dataBytes: offset };
}

export function writeSafetensors(ws: WeightSet, options: WriteOptions = {}): Uint8Array {
  const dtype = options.dtype ?? 'F32';
  const entries = Object.entries(ws.tensors);
  const { prefix, dataBytes } = encodeHeader(entries.map(([name, t]) => ({ name, shape: t.shape })), dtype, { ...ws.metadata, ...options.metadata });
  const out = new Uint8Array(prefix.length + dataBytes);
  const view = new DataView(out.buffer);
  out.set(prefix);
  let pos = prefix.length;
  for (const [, t] of entries) {
    if (dtype === 'F32') {
      out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), pos);
      pos += t.data.byteLength;
    } else {
      for (let i = 0; i < t.data.length; i++, pos += 2) view.setUint16(pos, toHalf(t.data[i]), true);
    }
  }
  return out;
}
