import { describe, expect, it } from 'vitest';
import { pct, signedBits } from './detox-evidence';

describe('evidence number formats', () => {
  it('signs a bits/char change once, whichever its sign', () => {
    expect(signedBits(0.0123)).toBe('+0.012');
    expect(signedBits(-0.016)).toBe('-0.016');
    expect(signedBits(0)).toBe('+0.000');
  });
  it('signs percentages only when asked', () => {
    expect(pct(1.234)).toBe('1.23');
    expect(pct(1.234, true)).toBe('+1.23');
    expect(pct(-0.5, true)).toBe('-0.50');
  });
});
