/**
 * A labelled set of 28x28 grayscale images (ink white on black, uint8). The ViT session reads it and
 * the merge dataset stores it, so it lives here rather than in either.
 */
export const IMAGE_SIZE = 28;
export const PIXELS = IMAGE_SIZE * IMAGE_SIZE;

export interface ImageSet {
  count: number;
  /** (N, 28*28) row-major uint8. */
  images: Uint8Array;
  labels: Uint8Array;
}
