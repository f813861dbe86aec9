import { describe, expect, it } from 'vitest';
import { interpolateAt } from './trade-off';

describe('interpolateAt', () => {
  const sweep = [
    { lambda: 0, toxicShare: 0.2, bitsPerChar: 2, factAccuracy: 0.8 },
    { lambda: 1, toxicShare: 0.1, bitsPerChar: 2.2, factAccuracy: 0.6 },
    { lambda: 2, toxicShare: 0.0, bitsPerChar: 3, factAccuracy: 0.2 },
  ];
  it('interpolates linearly between the bracketing points', () => {
    expect(interpolateAt(sweep, 0.15, 'bitsPerChar')).toBeCloseTo(2.1);
    expect(interpolateAt(sweep, 0.05, 'factAccuracy')).toBeCloseTo(0.4);
    expect(interpolateAt(sweep, 0.0, 'bitsPerChar')).toBe(3);
  });
  it('returns null outside the sweep', () => {
    expect(interpolateAt(sweep, 0.5, 'bitsPerChar')).toBeNull();
  });
});
