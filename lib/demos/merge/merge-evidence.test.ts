import { describe, expect, it } from 'vitest';
import { excludesZero, type FamilyEvidence, interval, points, sweepRows, verdict } from './merge-evidence';

describe('merge evidence formatting', () => {
  it('formats points and intervals to one decimal, signs differences, and words a verdict from the interval', () => {
    expect(points(3.04, true)).toBe('+3.0');
    expect(points(-0.26, true)).toBe('-0.3');
    expect(interval([-1.25, 2.04])).toBe('[-1.3, 2.0]');
    expect(excludesZero([0.1, 2])).toBe(true);
    expect(excludesZero([-0.1, 2])).toBe(false);
    expect(verdict(1.2, [-0.5, 2.9], 'A vs B')).toMatch(/includes 0/);
    expect(verdict(-2, [-3, -1], 'A vs B')).toMatch(/behind by 2.0/);
  });

  it('merges the methods\' different lambda grids into chart rows', () => {
    const m = (id: string, curve: [number, number][]) => ({ id, title: id, formula: '', params: [], val: 0, test: { estimate: 0, ci95: [0, 0] as [number, number] }, perTask: [], curve: curve.map(([lambda, v]) => ({ lambda, val: v, valNormalized: v })) });
    const f = { methods: [m('a', [[0.1, 50], [0.2, 60]]), m('b', [[0.2, 40], [1, 30]])] } as unknown as FamilyEvidence;
    expect(sweepRows(f)).toEqual([{ lambda: 0.1, a: 0.5 }, { lambda: 0.2, a: 0.6, b: 0.4 }, { lambda: 1, b: 0.3 }]);
  });
});
