/** Procedural textures by pure per-pixel maths, with random frequency, phase, angle and contrast. */
import { IMAGE_SIZE, PIXELS } from '../../lib/demos/merge/dataset/dataset';
import { type Rng, standardNormal, uniform } from '../../lib/util/random';

export const TEXTURE_CLASSES = ['h-stripes', 'v-stripes', 'diagonal', 'checks', 'dots', 'grid', 'rings', 'noise', 'zigzag', 'blobs'];

type Field = (x: number, y: number) => number;

function field(rng: Rng, cls: number): Field {
  const f = uniform(rng, 0.45, 0.9); // radians per pixel: periods of ~7-14 px
  const ph = uniform(rng, 0, 2 * Math.PI);
  const tilt = uniform(rng, -0.15, 0.15);
  const rot = (x: number, y: number, a: number) => x * Math.cos(a) + y * Math.sin(a);
  switch (TEXTURE_CLASSES[cls]) {
    case 'h-stripes': return (x, y) => Math.sin(f * rot(y, x, tilt) + ph);
    case 'v-stripes': return (x, y) => Math.sin(f * rot(x, y, tilt) + ph);
    case 'diagonal': {
      const a = (rng() < 0.5 ? 1 : -1) * Math.PI / 4 + tilt;
      return (x, y) => Math.sin(f * rot(x, y, a) + ph);
    }
    case 'checks': return (x, y) => Math.sin(f * rot(x, y, tilt) + ph) * Math.sin(f * rot(y, -x, tilt) + ph);
    case 'dots': {
      const p = (2 * Math.PI) / f;
      const r = uniform(rng, 0.18, 0.3) * p;
      return (x, y) => {
        const u = ((x + ph) % p + p) % p - p / 2, v = ((y + ph) % p + p) % p - p / 2;
        return Math.hypot(u, v) < r ? 1 : -1;
      };
    }
    case 'grid': {
      const p = (2 * Math.PI) / f;
      return (x, y) => (((x + ph) % p + p) % p < 1.6 || ((y + ph) % p + p) % p < 1.6 ? 1 : -1);
    }
    case 'rings': {
      const cx = uniform(rng, 6, 22), cy = uniform(rng, 6, 22);
      return (x, y) => Math.sin(f * Math.hypot(x - cx, y - cy) + ph);
    }
    case 'noise': return () => standardNormal(rng);
    case 'zigzag': {
      const amp = uniform(rng, 2, 4);
      return (x, y) => Math.sin(f * (y + amp * Math.abs(((x * f * 0.5 + ph) % 2) - 1) * 2));
    }
    case 'blobs': {
      const waves = Array.from({ length: 4 }, () => [uniform(rng, -0.35, 0.35), uniform(rng, -0.35, 0.35), uniform(rng, 0, 6.3)]);
      return (x, y) => waves.reduce((s, [a, b, c]) => s + Math.sin(a * x + b * y + c), 0) / 2;
    }
  }
  throw new Error(`unknown texture ${cls}`);
}

export function drawTexture(rng: Rng, cls: number): Uint8Array {
  const fn = field(rng, cls);
  const lo = uniform(rng, 0, 60), hi = uniform(rng, 170, 255);
  const hard = rng() < 0.5;
  const out = new Uint8Array(PIXELS);
  for (let y = 0; y < IMAGE_SIZE; y++) {
    for (let x = 0; x < IMAGE_SIZE; x++) {
      let v = fn(x, y);
      v = hard ? (v > 0 ? 1 : 0) : 0.5 + 0.5 * Math.max(-1, Math.min(1, v));
      out[y * IMAGE_SIZE + x] = Math.round(lo + (hi - lo) * v);
    }
  }
  return out;
}
