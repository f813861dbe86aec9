/**
 * Automatic style scores from pixel statistics, and a content-match quality score.
 * Each style has one raw statistic (averaged over a grid of images); the calibration maps the
 * mean over plain training renders to 0 and the mean over that style's training renders to 1.
 * Every statistic reads a region or a median, so a few speckled pixels cannot move it much:
 *   red:       median redness (R - max(G, B)) / 255 over ink pixels
 *   badge:     mean blueness (B - max(R, G)) / 255 over the 3x3 core of the badge
 *   underline: median ink strength / 255 over the 8 pixels in the middle of row 14
 * Ink = a channel differs from the background by more than 45% of the ink contrast, inside the outer ring (where v2's
 * house frame sat), outside the badge, and not isolated (an ink pixel with no ink neighbour is speckle).
 * Quality: Pearson correlation of the ink map with the ground-truth render of the same icon in the
 * requested style combination, best over +-1 px shifts (training renders are jittered by 1 px).
 */
import type { StyleName } from './dataset/styles';

export const SIDE = 16;
const N = SIDE * SIDE;
/**
 * A pixel is ink when some channel differs from the background by more than 45% of the image's
 * ink contrast (the 95th percentile of the differences, so a speckle cannot set it), and by at
 * least a quarter of full scale. Relative, so red ink on paper and black ink on white give the
 * same stroke width.
 */
const INK_SHARE = 0.45, INK_FLOOR = 0.25 * 255;
/** The badge is drawn around pixel (13, 3): its core and the zone ink statistics skip. */
const inBadgeCore = (x: number, y: number) => x >= 12 && x <= 14 && y >= 2 && y <= 4;
const inBadgeZone = (x: number, y: number) => x >= 11 && x <= 15 && y >= 0 && y <= 5;
/** The underline is pixel row 14; its middle 8 pixels are read. */
const UNDERLINE_ROW = 14, UNDERLINE_FROM = 4, UNDERLINE_TO = 11;

export type StyleStats = Record<StyleName, number>;
export type StyleCalibration = Record<StyleName, { plain: number; styled: number }>;

const median = (v: number[]): number => {
  if (!v.length) return 0;
  const s = [...v].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Background colour: per-channel median of the second pixel ring (v2's house frame sat on the outer
 * ring); icons keep a margin, so the second ring is mostly background.
 */
export function background(img: Uint8Array, off = 0): [number, number, number] {
  const ring: number[][] = [[], [], []];
  for (let y = 1; y < SIDE - 1; y++)
    for (let x = 1; x < SIDE - 1; x++) {
      if (y > 1 && y < SIDE - 2 && x > 1 && x < SIDE - 2) continue;
      for (let c = 0; c < 3; c++) ring[c].push(img[off + (y * SIDE + x) * 3 + c]);
    }
  return ring.map(median) as [number, number, number];
}

/** Per pixel: largest channel difference from the background (0..255). */
export function inkMap(img: Uint8Array, off = 0): Float32Array {
  const bg = background(img, off), out = new Float32Array(N);
  for (let i = 0; i < N; i++) {
    let d = 0;
    for (let c = 0; c < 3; c++) d = Math.max(d, Math.abs(img[off + i * 3 + c] - bg[c]));
    out[i] = d;
  }
  return out;
}

/** Ink mask inside the outer ring and outside the badge zone, with isolated pixels removed. */
export function inkMask(ink: Float32Array): Uint8Array {
  const raw = new Uint8Array(N), mask = new Uint8Array(N), inside: number[] = [];
  for (let y = 1; y < SIDE - 1; y++) for (let x = 1; x < SIDE - 1; x++) if (!inBadgeZone(x, y)) inside.push(ink[y * SIDE + x]);
  inside.sort((a, b) => a - b);
  const threshold = Math.max(INK_FLOOR, INK_SHARE * inside[Math.floor(0.95 * (inside.length - 1))]);
  for (let y = 1; y < SIDE - 1; y++) for (let x = 1; x < SIDE - 1; x++) if (!inBadgeZone(x, y) && ink[y * SIDE + x] > threshold) raw[y * SIDE + x] = 1;
  for (let y = 1; y < SIDE - 1; y++)
    for (let x = 1; x < SIDE - 1; x++) {
      const i = y * SIDE + x;
      if (!raw[i]) continue;
      let neighbours = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) if ((dx || dy) && raw[i + dy * SIDE + dx]) neighbours++;
      if (neighbours > 0) mask[i] = 1;
    }
  return mask;
}

/** Raw statistics of one image (bytes at `off`, 768 RGB). */
export function imageStats(img: Uint8Array, off = 0): StyleStats {
  const ink = inkMap(img, off), mask = inkMask(ink);
  const redness: number[] = [];
  let blue = 0;
  for (let y = 0; y < SIDE; y++)
    for (let x = 0; x < SIDE; x++) {
      const i = y * SIDE + x, r = img[off + i * 3], g = img[off + i * 3 + 1], b = img[off + i * 3 + 2];
      if (inBadgeCore(x, y)) blue += Math.max(0, b - Math.max(r, g)) / 255 / 9;
      if (!mask[i]) continue;
      redness.push(Math.max(0, r - Math.max(g, b)) / 255);
    }
  const row: number[] = [];
  for (let x = UNDERLINE_FROM; x <= UNDERLINE_TO; x++) row.push(Math.min(1, ink[UNDERLINE_ROW * SIDE + x] / 255));
  return { red: median(redness), badge: blue, underline: median(row) };
}

/** Mean raw statistics over `count` images. */
export function meanStats(images: Uint8Array, count: number): StyleStats {
  const sum = { red: 0, badge: 0, underline: 0 } as StyleStats;
  for (let k = 0; k < count; k++) {
    const s = imageStats(images, k * N * 3);
    for (const key of Object.keys(sum) as StyleName[]) sum[key] += s[key];
  }
  for (const key of Object.keys(sum) as StyleName[]) sum[key] /= Math.max(1, count);
  return sum;
}

/** Plain renders -> 0, each style's renders -> 1 on its own statistic. */
export function calibrate(plain: StyleStats, styled: Record<StyleName, StyleStats>): StyleCalibration {
  const out = {} as StyleCalibration;
  for (const s of Object.keys(plain) as StyleName[]) out[s] = { plain: plain[s], styled: styled[s][s] };
  return out;
}

const calibrated = (m: StyleStats, cal: StyleCalibration): StyleStats => {
  const out = {} as StyleStats;
  for (const s of Object.keys(cal) as StyleName[]) out[s] = Math.max(0, Math.min(1, (m[s] - cal[s].plain) / (cal[s].styled - cal[s].plain)));
  return out;
};

/** Calibrated 0..1 style scores of a set of images (the mean statistic, then calibrated). */
export function styleScores(images: Uint8Array, count: number, cal: StyleCalibration): StyleStats {
  return calibrated(meanStats(images, count), cal);
}

function pearson(a: Float32Array, b: Float32Array, dx: number, dy: number): number {
  let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0, n = 0;
  for (let y = 0; y < SIDE; y++)
    for (let x = 0; x < SIDE; x++) {
      const xs = x + dx, ys = y + dy;
      const va = a[y * SIDE + x], vb = xs >= 0 && ys >= 0 && xs < SIDE && ys < SIDE ? b[ys * SIDE + xs] : 0;
      sa += va; sb += vb; saa += va * va; sbb += vb * vb; sab += va * vb; n++;
    }
  const cov = sab - (sa * sb) / n, va = saa - (sa * sa) / n, vb = sbb - (sb * sb) / n;
  return va > 1e-9 && vb > 1e-9 ? cov / Math.sqrt(va * vb) : 0;
}

/** Best-shift ink-map correlation of one image with its reference (both at their offsets). */
export function imageQuality(images: Uint8Array, references: Uint8Array, k: number, r = k): number {
  const a = inkMap(images, k * N * 3), b = inkMap(references, r * N * 3);
  let best = -1;
  for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) best = Math.max(best, pearson(a, b, dx, dy));
  return best;
}

/** Mean over images of the best-shift ink-map correlation with the matching reference render. */
export function contentQuality(images: Uint8Array, references: Uint8Array, count: number): number {
  let total = 0;
  for (let k = 0; k < count; k++) total += imageQuality(images, references, k);
  return total / Math.max(1, count);
}
