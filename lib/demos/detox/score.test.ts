import { describe, expect, it } from 'vitest';
import { isToxic, listedWords, scoreGenerations } from './score';
import { maskText, maskWord } from './mask';
import { hashWord, matcherFromHashes, matcherFromWords } from './word-hash';

// Neutral stand-ins: the functions only see a list, so the fixtures need no real profanity.
const list = matcherFromWords(['badword', 'zonk']);

describe('scorer', () => {
  it('matches whole words only', () => {
    expect(isToxic('you are a zonk.', list)).toBe(true);
    expect(isToxic('zonked out, badwords', list)).toBe(false);
    expect(listedWords('Zonk! a BADWORD, zonk', list)).toEqual(['zonk', 'badword', 'zonk']);
  });
  it('scores a batch of generations', () => {
    const s = scoreGenerations(['a zonk here', 'all clean', 'zonk zonk'], list);
    expect(s.toxicShare).toBeCloseTo(2 / 3);
    expect(s.meanScore).toBeCloseTo((1 / 3 + 0 + 1) / 3);
    expect(s.count).toBe(3);
  });
  it('hashed lists match like clear lists', () => {
    const hashed = matcherFromHashes(['badword', 'zonk'].map((w) => hashWord(w)));
    expect(isToxic('what a zonk', hashed)).toBe(true);
    expect(isToxic('what a zone', hashed)).toBe(false);
  });
});

describe('masker', () => {
  it('keeps the first letter and masks the rest', () => {
    expect(maskWord('zonk')).toBe('z***');
    expect(maskText('Zonk, you badword! zonked.', list)).toBe('Z***, you b******! zonked.');
  });
  it('leaves clean text untouched', () => {
    expect(maskText("the capital of peru is lima.", list)).toBe('the capital of peru is lima.');
  });
});
