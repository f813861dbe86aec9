import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes';

describe('byte counts in words', () => {
  it('picks the unit, one decimal above bytes', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(812)).toBe('812 bytes');
    expect(formatBytes(16 * 1024)).toBe('16.0 kB');
    expect(formatBytes(100 * 2 ** 20)).toBe('100.0 MB');
    expect(formatBytes(2.3 * 2 ** 30)).toBe('2.3 GB');
  });

  it('never prints an exponent, even for counts a hostile file claims', () => {
    expect(formatBytes(4.835703278458517e24)).toBe('4.0 YB');
    expect(formatBytes(4611686018427388000)).toBe('4.0 EB');
    expect(formatBytes(1e30)).toBe('more than 1024 YB');
    expect(formatBytes(Number.NaN)).toBe('an impossible size');
  });
});
