/**
 * The planted overlap of the merge miniature: one acquisition condition that every task's data
 * shares and the pre-training never saw: a Gaussian blur and additive sensor noise, applied after
 * rendering (inverted polarity is an option; with it the base encoder was exactly at chance, see
 * docs/merge-models.md). A fine-tune on any task must learn to read
 * such images, so all eight task vectors carry a common component; the sibling family is trained on
 * the same images without it. Pure and seeded per image, so a set is a function of its index.
 */
import { IMAGE_SIZE, type ImageSet, PIXELS } from '../../lib/demos/merge/dataset/dataset';
import { mulberry32, seedFor, standardNormal } from '../../lib/util/random';

export interface ShiftOptions {
  /** Blur standard deviation in pixels. */
  blur: number;
  /** Noise standard deviation in grey levels (0-255). */
  noise: number;
  /** Ink becomes dark on a light ground. */
  invert: boolean;
  /** Contrast around mid-grey before the noise (1 = unchanged; below 1 = a washed-out, low-contrast sensor). */
  contrast?: number;
}

/** Mild enough that the base with its clean-prototype heads still reads some images (pilot: scripts/merge/pilot-shift.ts). */
export const PLANTED_SHIFT: ShiftOptions = { blur: 0.8, noise: 8, invert: false };

function kernel(sigma: number): number[] {
  const r = Math.max(1, Math.ceil(2.5 * sigma));
  const k = Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * sigma * sigma)));
  const s = k.reduce((a, b) => a + b, 0);
  return k.map((v) => v / s);
}

/** Separable Gaussian blur with edges clamped. */
export function blurImage(px: Uint8Array, sigma: number): Float32Array {
  const k = kernel(sigma), r = (k.length - 1) / 2, n = IMAGE_SIZE;
  const clamp = (i: number) => Math.min(n - 1, Math.max(0, i));
  const tmp = new Float32Array(PIXELS), out = new Float32Array(PIXELS);
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) {
    let s = 0;
    for (let j = -r; j <= r; j++) s += k[j + r] * px[y * n + clamp(x + j)];
    tmp[y * n + x] = s;
  }
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) {
    let s = 0;
    for (let j = -r; j <= r; j++) s += k[j + r] * tmp[clamp(y + j) * n + x];
    out[y * n + x] = s;
  }
  return out;
}

export function shiftImage(px: Uint8Array, rng: () => number, o: ShiftOptions = PLANTED_SHIFT): Uint8Array {
  const blurred = o.blur > 0 ? blurImage(px, o.blur) : Float32Array.from(px);
  const out = new Uint8Array(PIXELS);
  for (let i = 0; i < PIXELS; i++) {
    const ink = o.invert ? 255 - blurred[i] : blurred[i];
    const v = 127.5 + (o.contrast ?? 1) * (ink - 127.5) + o.noise * standardNormal(rng);
    out[i] = Math.min(255, Math.max(0, Math.round(v)));
  }
  return out;
}

/** The shifted copy of a set; image i's noise comes from its own stream (label, i). */
export function shiftSet(set: ImageSet, label: string, seed: number, o: ShiftOptions = PLANTED_SHIFT): ImageSet {
  const images = new Uint8Array(set.count * PIXELS);
  for (let i = 0; i < set.count; i++) {
    const rng = mulberry32(seedFor(seed, `${label}-shift-${i}`));
    images.set(shiftImage(set.images.subarray(i * PIXELS, (i + 1) * PIXELS), rng, o), i * PIXELS);
  }
  return { count: set.count, images, labels: set.labels.slice(0, set.count) };
}
