/**
 * Deterministic Euler sampler for the flow-matching denoiser: x(0) = seeded Gaussian noise,
 * x(t + dt) = x(t) + dt * v, t from 0 to 1 in `steps` equal steps. With guidance w, the velocity is
 * v_uncond + w (v_cond - v_uncond) (classifier-free guidance; both halves run in one batch).
 * Pure TypeScript over an injected velocity function, so Node and the browser share it.
 */
import { gaussian, mulberry32 } from '../../util/random';

export type VelocityFn = (x: Float32Array, t: Float32Array, labels: Int32Array) => Promise<Float32Array>;

export interface SampleOptions {
  velocity: VelocityFn;
  /** Class per sample. */
  labels: number[];
  /** Noise seed per sample: the same seed gives the same starting noise under every model. */
  seeds: number[];
  steps: number;
  guidance: number;
  /** The "no class" label (= number of classes). */
  nullLabel: number;
  pixels: number;
  onStep?: (done: number, total: number) => void;
}

export function initialNoise(seed: number, pixels: number): Float32Array {
  const g = gaussian(mulberry32(0x9e3779b9 ^ seed));
  return Float32Array.from({ length: pixels }, g);
}

/** Returns RGB bytes (n * pixels), the model's [-1, 1] output mapped to 0..255. */
export async function sampleImages(o: SampleOptions): Promise<Uint8Array> {
  const n = o.labels.length, D = o.pixels, guided = o.guidance !== 1;
  const x = new Float32Array(n * D);
  o.seeds.forEach((s, i) => x.set(initialNoise(s, D), i * D));
  const rows = guided ? 2 * n : n;
  const labels = new Int32Array(rows);
  o.labels.forEach((l, i) => {
    labels[i] = l;
    if (guided) labels[n + i] = o.nullLabel;
  });
  const dt = 1 / o.steps;
  for (let s = 0; s < o.steps; s++) {
    const t = new Float32Array(rows).fill(s * dt);
    const input = guided ? concat(x, x) : x;
    const v = await o.velocity(input, t, labels);
    for (let i = 0; i < n * D; i++) {
      const vi = guided ? v[n * D + i] + o.guidance * (v[i] - v[n * D + i]) : v[i];
      x[i] += dt * vi;
    }
    o.onStep?.(s + 1, o.steps);
  }
  const out = new Uint8Array(n * D);
  for (let i = 0; i < out.length; i++) out[i] = Math.max(0, Math.min(255, Math.round((x[i] + 1) * 127.5)));
  return out;
}

function concat(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
