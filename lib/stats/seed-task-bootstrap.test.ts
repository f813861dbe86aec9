import { describe, expect, it } from 'vitest';
import { meanAccuracy, pairedBootstrap } from './paired-bootstrap';

const flags = (n: number, ones: number) => Uint8Array.from({ length: n }, (_, i) => (i < ones ? 1 : 0));

describe('paired bootstrap', () => {
  it('estimates the mean-over-tasks difference in points, and a zero difference has a zero interval', () => {
    const a = [[flags(100, 80), flags(100, 60)]];
    const b = [[flags(100, 70), flags(100, 60)]];
    const r = pairedBootstrap(a, b, 500);
    expect(r.estimate).toBeCloseTo(5, 10); // (10 + 0) / 2 points
    expect(r.ci95[0]).toBeGreaterThan(0); // A never loses an image to B: every resample is >= 0
    expect(r.ci95[0]).toBeLessThan(5);
    expect(r.ci95[1]).toBeGreaterThan(5);
    expect(pairedBootstrap(a, a, 200).ci95).toEqual([0, 0]);
  });

  it('pairing: the same images shuffled between methods give a wide interval around 0', () => {
    const n = 400;
    const a = [[Uint8Array.from({ length: n }, (_, i) => i % 2)]];
    const b = [[Uint8Array.from({ length: n }, (_, i) => (i + 1) % 2)]];
    const r = pairedBootstrap(a, b, 1000);
    expect(r.estimate).toBe(0);
    expect(r.ci95[0]).toBeLessThan(-5);
    expect(r.ci95[1]).toBeGreaterThan(5);
  });

  it('seed spread widens the interval and is deterministic for a fixed seed', () => {
    const a = [[flags(200, 150)], [flags(200, 110)], [flags(200, 190)]];
    const b = [[flags(200, 100)], [flags(200, 100)], [flags(200, 100)]];
    const r = pairedBootstrap(a, b, 800, 7);
    expect(r.estimate).toBeCloseTo(100 * (50 + 10 + 90) / 3 / 200, 10);
    expect(r.ci95[1] - r.ci95[0]).toBeGreaterThan(20);
    expect(pairedBootstrap(a, b, 800, 7)).toEqual(r);
    expect(meanAccuracy(a, 100).estimate).toBeCloseTo(75, 10);
  });
});
