import { describe, expect, it } from 'vitest';
import { describeTimeLeft, secondsLeft } from './time-left';

describe('time left', () => {
  it('extrapolates the rate since the first mark, and says nothing before a step is done', () => {
    expect(secondsLeft({ loaded: 0, at: 0 }, { loaded: 0, at: 5000 }, 9)).toBeNull();
    expect(secondsLeft({ loaded: 1, at: 0 }, { loaded: 3, at: 20_000 }, 9)).toBeCloseTo(60);
    expect(secondsLeft({ loaded: 0, at: 0 }, { loaded: 9, at: 9000 }, 9)).toBe(0);
  });

  it('reads as a rough estimate', () => {
    expect(describeTimeLeft(0.2)).toBe('almost done');
    expect(describeTimeLeft(2)).toBe('about 1 s left');
    expect(describeTimeLeft(42)).toBe('about 40 s left');
    expect(describeTimeLeft(200)).toBe('about 3 min left');
  });
});
