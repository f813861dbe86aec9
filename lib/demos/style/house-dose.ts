/**
 * How many times a sample carries the planted house change (the paper tint of the background), read
 * only where no icon stroke, badge or underline is drawn, so style interference and stroke errors
 * cannot move it. Per pixel p of the mask, with h_p = house render - house-free render (RGB):
 *   dose = sum_p (x_p - plain_p) . h_p / sum_p |h_p|^2
 * 0 = no house change, 1 = applied once (the planted ground truth), 2 = applied twice.
 * The naive sum's dose minus the single styles' is the premise of the style demo
 * (docs/style-models.md: it targets the doubled house change, which the border ΔE did not).
 */
const SIDE = 16, N = SIDE * SIDE;
/** A ground-truth pixel is background when every channel is at least this (white is 255). */
const BACKGROUND_MIN = 250;

/**
 * Pixels whose whole 3x3 neighbourhood is background in a house-free render (image r of
 * `plain`): no stroke, badge or underline there, nor within 1 px (samples may shift by 1 px).
 */
export function houseMask(plain: Uint8Array, r: number): Uint8Array {
  const bg = new Uint8Array(N), mask = new Uint8Array(N), off = r * N * 3;
  for (let i = 0; i < N; i++) bg[i] = plain[off + 3 * i] >= BACKGROUND_MIN && plain[off + 3 * i + 1] >= BACKGROUND_MIN && plain[off + 3 * i + 2] >= BACKGROUND_MIN ? 1 : 0;
  for (let y = 0; y < SIDE; y++)
    for (let x = 0; x < SIDE; x++) {
      let ok = 1;
      for (let dy = -1; dy <= 1 && ok; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const yy = y + dy, xx = x + dx;
          if (yy >= 0 && xx >= 0 && yy < SIDE && xx < SIDE && !bg[yy * SIDE + xx]) ok = 0;
        }
      mask[y * SIDE + x] = ok;
    }
  return mask;
}

/** Dose of the house change in image k of `images`, against image r of the house-free and house renders. */
export function houseDose(images: Uint8Array, k: number, plain: Uint8Array, house: Uint8Array, r: number, mask: Uint8Array): number {
  let num = 0, den = 0;
  const a = k * N * 3, b = r * N * 3;
  for (let i = 0; i < N; i++) {
    if (!mask[i]) continue;
    for (let c = 0; c < 3; c++) {
      const h = house[b + 3 * i + c] - plain[b + 3 * i + c];
      num += (images[a + 3 * i + c] - plain[b + 3 * i + c]) * h;
      den += h * h;
    }
  }
  return den > 0 ? num / den : 0;
}

/** Verdict of an interval of dose differences: above the margin, within +-margin, or neither. */
export type PremiseVerdict = 'holds' | 'absent' | 'inconclusive';
export function premiseVerdict(ci95: [number, number], margin: number): PremiseVerdict {
  if (ci95[0] > margin) return 'holds';
  if (ci95[0] >= -margin && ci95[1] <= margin) return 'absent';
  return 'inconclusive';
}

/** "#efe2c4" -> [239, 226, 196]. */
export const hexRgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

/**
 * The page's reading of the same dose without a house-free render: the paper pixels of the
 * ground truth (within 2 levels of `paper`, whole 3x3 neighbourhood, so no stroke or badge is
 * near) against white. Mean over the first `count` images (image k against truth k).
 */
export function tintDose(images: Uint8Array, truth: Uint8Array, count: number, paper: [number, number, number]): number {
  let sum = 0;
  const white = new Uint8Array(N * 3).fill(255), house = new Uint8Array(N * 3);
  for (let i = 0; i < N; i++) house.set(paper, 3 * i);
  for (let k = 0; k < count; k++) {
    // A pixel is paper-free "plain" background when the truth shows paper there: mark the rest as ink.
    const plain = white.slice(), off = k * N * 3;
    for (let i = 0; i < N; i++) if ([0, 1, 2].some((c) => Math.abs(truth[off + 3 * i + c] - paper[c]) > 2)) plain.fill(0, 3 * i, 3 * i + 3);
    sum += houseDose(images, k, plain, house, 0, houseMask(plain, 0));
  }
  return sum / Math.max(1, count);
}
