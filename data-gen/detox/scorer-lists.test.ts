import { describe, expect, it } from 'vitest';
import { fineTuneCorpusWords, independentWords, scorerLists } from './scorer-lists';

describe('detox scorer lists', () => {
  const ratings = { zonk: 2, blarg: 2, meh: 1, gloop: 2 };
  it('takes the toxic corpus words rated 2 that the benign corpus does not use', () => {
    expect(fineTuneCorpusWords('you zonk. what a blarg, meh', 'you blarg of a friend', ratings)).toEqual(['zonk']);
  });
  it('keeps single lowercase words of the independent list, once each', () => {
    expect(independentWords(['Gloop', 'two words', 'x-rated', 'gloop', 'zonk'])).toEqual(['gloop', 'zonk']);
  });
  it('carries the base-only words as they are', () => {
    const s = scorerLists('zonk', '', ratings, ['gloop'], { train: ['zonk'], heldout: ['quux'] });
    expect(s).toEqual({ fineTune: ['zonk'], independent: ['gloop'], baseOnly: ['quux'] });
  });
});
