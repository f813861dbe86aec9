/**
 * A lossless encoding for shipped fp16 safetensors, so model files cost fewer bytes on the wire.
 * fp16 weights barely deflate (random low mantissa bits), and servers do not compress
 * application/octet-stream, so a fine-tune is sent as its difference to the base instead:
 *
 *   packed = deflate( u8 S | u32 H | target[0, H) | shuffle_S(target data XOR reference data) )
 *
 * where H is the target's header size (8 + JSON length) and the data sections are aligned at each
 * file's own header end. A fine-tune keeps most sign, exponent and high mantissa bits of its base,
 * so the XOR's high bytes are mostly zero; the byte shuffle with stride S = 2 (all low bytes, then
 * all high bytes) puts those zeros together where deflate finds them. Byte data (images) keeps its
 * order (S = 1): pack() tries both and keeps the smaller. Without a reference nothing is XORed.
 * Decoding gives back the exact bytes, so a loader checks them against the plain file's sha256 and
 * every score stays bit for bit what it was.
 */
import { deflateSync, inflateSync } from 'fflate';

/** Where a safetensors file's tensor data starts; 0 when the bytes are not safetensors. */
export function dataStart(bytes: Uint8Array): number {
  if (bytes.length < 8) return 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
  return 8 + headerLength <= bytes.length ? 8 + headerLength : 0;
}

/** target's data XOR reference's data (aligned at their data starts); stride 2 puts low bytes before high bytes. */
function mix(data: Uint8Array, reference: Uint8Array | null, out: Uint8Array, stride: 1 | 2) {
  const half = stride === 2 ? data.length >> 1 : 0;
  const ref = reference ?? new Uint8Array(0);
  const at = (i: number) => data[i] ^ (i < ref.length ? ref[i] : 0);
  for (let i = 0; i < half; i++) {
    out[i] = at(2 * i);
    out[half + i] = at(2 * i + 1);
  }
  for (let i = 2 * half; i < data.length; i++) out[i] = at(i);
}

/** Inverse of mix: from the shuffled XOR back to the target's data. */
function unmix(mixed: Uint8Array, reference: Uint8Array | null, out: Uint8Array, stride: 1 | 2) {
  const half = stride === 2 ? mixed.length >> 1 : 0;
  const ref = reference ?? new Uint8Array(0);
  const xor = (i: number, v: number) => v ^ (i < ref.length ? ref[i] : 0);
  for (let i = 0; i < half; i++) {
    out[2 * i] = xor(2 * i, mixed[i]);
    out[2 * i + 1] = xor(2 * i + 1, mixed[half + i]);
  }
  for (let i = 2 * half; i < mixed.length; i++) out[i] = xor(i, mixed[i]);
}

const referenceData = (reference: Uint8Array | null) => (reference ? reference.subarray(dataStart(reference)) : null);

/** Raw deflate (RFC 1951); Node scripts may pass zlib's, which finds a few percent more than fflate's. */
export type Deflate = (plain: Uint8Array) => Uint8Array;
const fflateDeflate: Deflate = (plain) => deflateSync(plain, { level: 9, mem: 12 });

function packWith(target: Uint8Array, reference: Uint8Array | null, stride: 1 | 2, deflate: Deflate): Uint8Array {
  const h = dataStart(target);
  const plain = new Uint8Array(5 + target.length);
  plain[0] = stride;
  new DataView(plain.buffer).setUint32(1, h, true);
  plain.set(target.subarray(0, h), 5);
  mix(target.subarray(h), referenceData(reference), plain.subarray(5 + h), stride);
  return deflate(plain);
}

/** Packs `target`, against `reference` (the base it was fine-tuned from) when given, with the better stride. */
export function pack(target: Uint8Array, reference: Uint8Array | null = null, deflate: Deflate = fflateDeflate): Uint8Array {
  const [a, b] = [packWith(target, reference, 2, deflate), packWith(target, reference, 1, deflate)];
  return a.length <= b.length ? a : b;
}

/** Exactly the bytes that were packed, given the same reference. */
export function unpack(packed: Uint8Array, reference: Uint8Array | null = null): Uint8Array {
  const plain = inflateSync(packed);
  const stride = plain[0];
  const h = new DataView(plain.buffer, plain.byteOffset, plain.byteLength).getUint32(1, true);
  if ((stride !== 1 && stride !== 2) || 5 + h > plain.length) throw new Error('not a packed model file');
  const target = new Uint8Array(plain.length - 5);
  target.set(plain.subarray(5, 5 + h));
  unmix(plain.subarray(5 + h), referenceData(reference), target.subarray(h), stride);
  return target;
}
