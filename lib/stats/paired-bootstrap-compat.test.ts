/**
 * The three bootstraps the evaluations used before they were unified here (style's crossed design,
 * merge's seeds x per-task images, detox's prompts then samples) gave these intervals on these inputs
 * and seeds (values recorded from the former lib/stats, lib/merge and lib/detox implementations). The
 * unified functions must reproduce them exactly, so intervals in docs/results stay reproducible.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/random';
import { crossedBootstrap, gridDiff, meanAccuracy, nestedBootstrap, pairedBootstrap, pairedDifference, shareInterval } from './paired-bootstrap';

const r = mulberry32(42);
const grid = (items: number, seeds: number) => ({ items, seeds, values: Array.from({ length: items * seeds }, () => r() * 10 - 3) });
const g1 = grid(13, 4), g2 = grid(13, 4), g3 = grid(13, 4);
const flagsOf = (S: number, T: number, n: (t: number) => number, p: number) =>
  Array.from({ length: S }, () => Array.from({ length: T }, (_, t) => Uint8Array.from({ length: n(t) }, () => (r() < p ? 1 : 0))));
const fa = flagsOf(3, 4, (t) => 37 + 5 * t, 0.7), fb = flagsOf(3, 4, (t) => 37 + 5 * t, 0.6);
const outcomes = (P: number, p: number) => Array.from({ length: P }, (_, i) => Array.from({ length: 5 + (i % 3) }, () => (r() < p ? 1 : 0)));
const oa = outcomes(11, 0.3), ob = outcomes(11, 0.2);

describe('unified bootstraps reproduce the former implementations bit for bit', () => {
  it('inputs are the recorded ones', () => {
    expect(g1.values[0]).toBe(3.0110375192016363);
    expect(ob[10]).toEqual([1, 1, 0, 0, 1, 0]);
  });

  it('crossed items x seeds (style)', () => {
    expect(crossedBootstrap([gridDiff(g1, g3), gridDiff(g2, g3)], 500, 3)).toEqual({ estimate: 0.10269224903402993, ci95: [-1.1875805701565694, 1.3294780303986036], resamples: 500 });
    expect(crossedBootstrap([g1])).toEqual({ estimate: 1.4000817567127972, ci95: [0.14205258640420373, 2.5859826011818257], resamples: 2000 });
  });

  it('seeds x per-task images (merge)', () => {
    expect(pairedBootstrap(fa, fb, 700, 11)).toEqual({ estimate: 11.453732198413048, ci95: [3.3358469528682284, 18.711400493315384], resamples: 700 });
    expect(meanAccuracy(fa, 300)).toEqual({ estimate: 70.75769216726665, ci95: [65.99964911135125, 76.01313173121684], resamples: 300 });
  });

  it('prompts then samples (detox)', () => {
    expect(shareInterval(oa, 600, 5)).toEqual({ estimate: 0.35384615384615387, ci95: [0.19348908918406071, 0.5], resamples: 600 });
    expect(pairedDifference(oa, ob)).toEqual({ estimate: 0.07692307692307693, ci95: [-0.11119047619047619, 0.274235261401557], resamples: 2000 });
    expect(nestedBootstrap([oa, ob], ([a, b]) => (b > 0 ? 1 - a / b : 0), 400, 9)).toEqual({ estimate: -0.2777777777777777, ci95: [-1.603181818181818, 0.31856060606060577], resamples: 400 });
  });
});
