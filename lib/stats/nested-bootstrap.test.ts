import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/random';
import { meanOf, pairedDifference, shareInterval } from './paired-bootstrap';

const outcomes = (prompts: number, samples: number, p: (prompt: number) => number, seed: number) => {
  const rand = mulberry32(seed);
  return Array.from({ length: prompts }, (_, i) => Array.from({ length: samples }, () => (rand() < p(i) ? 1 : 0)));
};

describe('bootstrap over prompts and samples', () => {
  it('covers the true share and widens when prompts differ', () => {
    const flat = outcomes(16, 128, () => 0.1, 1);
    const varied = outcomes(16, 128, (i) => (i % 2 ? 0.02 : 0.18), 1);
    const a = shareInterval(flat, 1000);
    const b = shareInterval(varied, 1000);
    expect(a.ci95[0]).toBeLessThan(0.1);
    expect(a.ci95[1]).toBeGreaterThan(0.1);
    expect(b.ci95[1] - b.ci95[0]).toBeGreaterThan(a.ci95[1] - a.ci95[0]);
    expect(a.estimate).toBe(meanOf(flat));
  });

  it('pairs the draws: a shared prompt effect cancels in a difference', () => {
    const base = outcomes(16, 128, (i) => (i % 2 ? 0.02 : 0.3), 2);
    // b = a with 1 in 5 of its toxic samples removed: a real, paired cut.
    const cut = base.map((row, p) => row.map((x, s) => (x && (p * 128 + s) % 5 === 0 ? 0 : x)));
    const d = pairedDifference(base, cut, 1000);
    expect(d.estimate).toBeGreaterThan(0);
    expect(d.ci95[0]).toBeGreaterThan(0);
    expect(pairedDifference(base, base, 200).ci95).toEqual([0, 0]);
  });

  it('refuses groups of different layouts', () => {
    expect(() => pairedDifference([[1, 0]], [[1]])).toThrow(/layout/);
  });
});
