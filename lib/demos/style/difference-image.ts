/**
 * Per-pixel colour difference from the ground truth as an image: each pixel's CIE76 Delta-E
 * (lib/demos/style/colour-error.ts) mapped from white (0) through orange to dark red (at `maxDeltaE`
 * and above), so a tint over the whole background shows as a coloured field, not as a few pixels.
 */
import { deltaEMap } from './colour-error';

const RAMP: [number, [number, number, number]][] = [
  [0, [255, 255, 255]],
  [0.35, [253, 190, 110]],
  [0.7, [225, 70, 40]],
  [1, [110, 0, 20]],
];

export function heat(v: number): [number, number, number] {
  const x = Math.max(0, Math.min(1, v));
  let k = 1;
  while (k < RAMP.length - 1 && RAMP[k][0] < x) k++;
  const [a, ca] = RAMP[k - 1], [b, cb] = RAMP[k], t = (x - a) / (b - a);
  return [0, 1, 2].map((c) => Math.round(ca[c] + t * (cb[c] - ca[c]))) as [number, number, number];
}

/** RGB heat maps of `count` images against their references (image i against reference i), and the mean Delta-E. */
export function differenceImages(images: Uint8Array, references: Uint8Array, count: number, maxDeltaE = 40): { images: Uint8Array; meanDeltaE: number } {
  const out = new Uint8Array(count * 768);
  let total = 0;
  for (let k = 0; k < count; k++) {
    const m = deltaEMap(images, references, k);
    for (let i = 0; i < 256; i++) {
      total += m[i];
      out.set(heat(m[i] / maxDeltaE), k * 768 + i * 3);
    }
  }
  return { images: out, meanDeltaE: total / Math.max(1, count * 256) };
}
