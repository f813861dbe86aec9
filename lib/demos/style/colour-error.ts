/**
 * Colour error of a sample against the ground-truth render of the same icon: the mean CIE76
 * Delta-E (Euclidean distance in CIELAB, D65 white) over every pixel, background included, so a
 * tint or a background shift counts as much as a wrong stroke. 1 is about a just-noticeable
 * difference; white against the house's paper colour is about 16.
 */
const SIDE = 16, N = SIDE * SIDE;

const linear = (c: number) => {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};
const LINEAR = Float64Array.from({ length: 256 }, (_, c) => linear(c));
const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (t * 24389) / 27 / 116 + 16 / 116);
const WHITE = [0.95047, 1, 1.08883];

/** sRGB bytes -> CIELAB (L in 0..100). */
export function srgbToLab(r: number, g: number, b: number): [number, number, number] {
  const R = LINEAR[r], G = LINEAR[g], B = LINEAR[b];
  const x = (0.4124564 * R + 0.3575761 * G + 0.1804375 * B) / WHITE[0];
  const y = (0.2126729 * R + 0.7151522 * G + 0.072175 * B) / WHITE[1];
  const z = (0.0193339 * R + 0.119192 * G + 0.9503041 * B) / WHITE[2];
  const fx = f(x), fy = f(y), fz = f(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** Per-pixel Delta-E map between image k of `images` and image r of `references` (256 values). */
export function deltaEMap(images: Uint8Array, references: Uint8Array, k: number, r = k): Float32Array {
  const out = new Float32Array(N), a = k * N * 3, b = r * N * 3;
  for (let i = 0; i < N; i++) {
    const p = srgbToLab(images[a + 3 * i], images[a + 3 * i + 1], images[a + 3 * i + 2]);
    const q = srgbToLab(references[b + 3 * i], references[b + 3 * i + 1], references[b + 3 * i + 2]);
    out[i] = Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
  }
  return out;
}

/** Pixels of the two outer rings: most of the background (and v2's house frame). */
export const isBorder = (i: number): boolean => {
  const x = i % SIDE, y = (i / SIDE) | 0;
  return Math.min(x, y, SIDE - 1 - x, SIDE - 1 - y) < 2;
};

/** Mean Delta-E over the whole image, and over the two outer rings alone. */
export function colourError(images: Uint8Array, references: Uint8Array, k: number, r = k): { all: number; border: number } {
  const m = deltaEMap(images, references, k, r);
  let all = 0, border = 0, nb = 0;
  for (let i = 0; i < N; i++) {
    all += m[i];
    if (isBorder(i)) {
      border += m[i];
      nb++;
    }
  }
  return { all: all / N, border: border / nb };
}
