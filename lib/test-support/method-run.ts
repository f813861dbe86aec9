import { expect } from 'vitest';

export const f32 = (xs: number[]) => Float32Array.from(xs);

/** Runs a method-style fn(out) on a fresh zeroed output of length n and returns it as numbers. */
export function runInto(fn: (out: Float32Array) => void, n: number): number[] {
  const out = new Float32Array(n);
  fn(out);
  return Array.from(out);
}

export const expectClose = (a: number[], b: number[], digits = 6) => a.forEach((x, i) => expect(x).toBeCloseTo(b[i], digits));
