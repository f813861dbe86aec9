/**
 * Automatic style scores from pixel statistics, and a content-match quality score.
 * Each style has one raw statistic (averaged over a grid of images); the calibration maps the
 * mean over plain training renders to 0 and the mean over that style's training renders to 1.
 *   red:    mean redness (R - max(G, B)) of ink pixels
 *   bold:   share of ink pixels whose four neighbours are ink (thick strokes have an interior)
 *   night:  1 - luminance of the background
 *   dashed: connected ink pieces per image (8-connectivity)
 * Quality: Pearson correlation of the ink map with the ground-truth render of the same icon in the
 * requested style combination, best over +-1 px shifts (training renders are jittered by 1 px).
 */
import type { StyleName } from '../datasets/style/styles';

export const SIDE = 16;
const N = SIDE * SIDE;
/** A pixel is ink when some channel differs from the background by more than this (of 255). */
const INK_THRESHOLD = 0.4 * 255;

export type StyleStats = Record<StyleName, number>;
export type StyleCalibration = Record<StyleName, { plain: number; styled: number }>;

/** Background colour: per-channel median of the border ring (icons keep a margin). */
export function background(img: Uint8Array, off = 0): [number, number, number] {
  const ring: number[][] = [[], [], []];
  for (let y = 0; y < SIDE; y++)
    for (let x = 0; x < SIDE; x++) {
      if (y > 0 && y < SIDE - 1 && x > 0 && x < SIDE - 1) continue;
      for (let c = 0; c < 3; c++) ring[c].push(img[off + (y * SIDE + x) * 3 + c]);
    }
  return ring.map((v) => v.sort((a, b) => a - b)[v.length >> 1]) as [number, number, number];
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

function components(mask: Uint8Array): number {
  const seen = new Uint8Array(N);
  let count = 0;
  for (let s = 0; s < N; s++) {
    if (!mask[s] || seen[s]) continue;
    count++;
    const stack = [s];
    seen[s] = 1;
    while (stack.length) {
      const p = stack.pop()!, px = p % SIDE, py = (p / SIDE) | 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const x = px + dx, y = py + dy, q = y * SIDE + x;
          if (x >= 0 && y >= 0 && x < SIDE && y < SIDE && mask[q] && !seen[q]) {
            seen[q] = 1;
            stack.push(q);
          }
        }
    }
  }
  return count;
}

/** Raw statistics of one image (bytes at `off`, 768 RGB). */
export function imageStats(img: Uint8Array, off = 0): StyleStats {
  const bg = background(img, off), ink = inkMap(img, off), mask = new Uint8Array(N);
  let inkCount = 0, redness = 0;
  for (let i = 0; i < N; i++) {
    if (ink[i] <= INK_THRESHOLD) continue;
    mask[i] = 1;
    inkCount++;
    const r = img[off + i * 3], g = img[off + i * 3 + 1], b = img[off + i * 3 + 2];
    redness += Math.max(0, r - Math.max(g, b)) / 255;
  }
  let interior = 0;
  for (let y = 1; y < SIDE - 1; y++)
    for (let x = 1; x < SIDE - 1; x++) {
      const i = y * SIDE + x;
      if (mask[i] && mask[i - 1] && mask[i + 1] && mask[i - SIDE] && mask[i + SIDE]) interior++;
    }
  const lum = (0.2126 * bg[0] + 0.7152 * bg[1] + 0.0722 * bg[2]) / 255;
  return {
    red: inkCount ? redness / inkCount : 0,
    bold: inkCount ? interior / inkCount : 0,
    night: 1 - lum,
    dashed: components(mask),
  };
}

/** Mean raw statistics over `count` images. */
export function meanStats(images: Uint8Array, count: number): StyleStats {
  const sum: StyleStats = { red: 0, bold: 0, night: 0, dashed: 0 };
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

/** Calibrated 0..1 style scores of a set of images. */
export function styleScores(images: Uint8Array, count: number, cal: StyleCalibration): StyleStats {
  const m = meanStats(images, count), out = {} as StyleStats;
  for (const s of Object.keys(cal) as StyleName[]) out[s] = Math.max(0, Math.min(1, (m[s] - cal[s].plain) / (cal[s].styled - cal[s].plain)));
  return out;
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

/** Mean over images of the best-shift ink-map correlation with the matching reference render. */
export function contentQuality(images: Uint8Array, references: Uint8Array, count: number): number {
  let total = 0;
  for (let k = 0; k < count; k++) {
    const a = inkMap(images, k * N * 3), b = inkMap(references, k * N * 3);
    let best = -1;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) best = Math.max(best, pearson(a, b, dx, dy));
    total += best;
  }
  return total / Math.max(1, count);
}
