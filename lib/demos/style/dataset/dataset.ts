/**
 * Binary image sets of the style demo: u32 count, u16 labels (icon index), then RGB bytes.
 * Pure (no Node imports) so tests and scripts share it.
 */
export const SIDE = 16;
export const IMAGE_FLOATS = SIDE * SIDE * 3;

export interface StyleImageSet {
  count: number;
  labels: Uint16Array;
  /** count * 768 bytes, HWC. */
  images: Uint8Array;
}

export function encodeSet(s: StyleImageSet): Uint8Array {
  const out = new Uint8Array(4 + 2 * s.count + s.images.length);
  new DataView(out.buffer).setUint32(0, s.count, true);
  new Uint8Array(out.buffer, 4, 2 * s.count).set(new Uint8Array(s.labels.buffer, s.labels.byteOffset, 2 * s.count));
  out.set(s.images, 4 + 2 * s.count);
  return out;
}

export function decodeSet(bytes: Uint8Array): StyleImageSet {
  const count = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  const labels = new Uint16Array(count);
  new Uint8Array(labels.buffer).set(bytes.subarray(4, 4 + 2 * count));
  return { count, labels, images: bytes.slice(4 + 2 * count, 4 + 2 * count + count * IMAGE_FLOATS) };
}

/** Bytes -> floats in [-1, 1], the denoiser's data space. */
export function toSigned(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] / 127.5 - 1;
  return out;
}
