/**
 * The compact binary form of an image set (lib/tensors/image-set.ts): N*784 image bytes followed by
 * N label bytes. Pure TypeScript: the browser page decodes these too.
 */
import { type ImageSet, PIXELS } from '../../../tensors/image-set';

export { IMAGE_SIZE, PIXELS, type ImageSet } from '../../../tensors/image-set';

export type SplitName = 'train' | 'val' | 'test';

export interface TaskInfo {
  name: string;
  title: string;
  classes: string[];
  /** How the split separates train from test, in words (e.g. "by font family"). */
  splitBy: string;
  source: string;
  /** Files relative to the index, for the splits that are shipped; `packed` is the same bytes for the wire (lib/manifest/delta-pack.ts). */
  files: Partial<Record<SplitName, { file: string; count: number; packed?: { file: string; bytes: number; sha256: string } }>>;
}

export interface DataIndex {
  imageSize: number;
  seed: number;
  tasks: TaskInfo[];
}

export function encodeImageSet(set: ImageSet): Uint8Array {
  const out = new Uint8Array(set.count * (PIXELS + 1));
  out.set(set.images.subarray(0, set.count * PIXELS), 0);
  out.set(set.labels.subarray(0, set.count), set.count * PIXELS);
  return out;
}

export function decodeImageSet(bytes: Uint8Array): ImageSet {
  if (bytes.length % (PIXELS + 1) !== 0) throw new Error(`image set has ${bytes.length} bytes, not a multiple of ${PIXELS + 1}`);
  const count = bytes.length / (PIXELS + 1);
  return { count, images: bytes.subarray(0, count * PIXELS), labels: bytes.subarray(count * PIXELS) };
}

/** Pixels scaled to [0, 1]: the model's input (B, 784). */
export function toFloat(set: ImageSet, start = 0, end = set.count): Float32Array {
  const src = set.images.subarray(start * PIXELS, end * PIXELS);
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = src[i] / 255;
  return out;
}

export function concatSets(sets: ImageSet[]): ImageSet {
  const count = sets.reduce((a, s) => a + s.count, 0);
  const images = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  let o = 0;
  for (const s of sets) {
    images.set(s.images.subarray(0, s.count * PIXELS), o * PIXELS);
    labels.set(s.labels.subarray(0, s.count), o);
    o += s.count;
  }
  return { count, images, labels };
}

/** Fills an ImageSet by calling draw(i) -> [pixels, label] for each index. */
export function buildSet(count: number, draw: (i: number) => [Uint8Array | Uint8ClampedArray, number]): ImageSet {
  const images = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const [px, label] = draw(i);
    images.set(px, i * PIXELS);
    labels[i] = label;
  }
  return { count, images, labels };
}
