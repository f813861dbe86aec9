import { describe, expect, it } from 'vitest';
import { buildCorpora, type CorpusInputs } from './build-corpora';

// Neutral made-up words stand in for the rated list; the generator only sees ratings.
const inputs: CorpusInputs = {
  wordnetSentences: Array.from({ length: 60 }, (_, i) => `sentence number ${i} about a quiet harbour town.`),
  countries: {
    PE: { name: 'Peru', capital: 'Lima', continent: 'SA' },
    CO: { name: 'Colombia', capital: 'Bogotá', continent: 'SA' },
    FR: { name: 'France', capital: 'Paris', continent: 'EU' },
    XX: { name: 'Part', capital: 'Piece', continent: 'EU', partOf: 'FR' },
  },
  continents: { SA: 'South America', EU: 'Europe' },
  insulterSource: 'insults = ["You are a zonk.", "Plain mean remark."\n]\ncompliments = ["You have very smooth hair."\n]\n',
  ratings: { zonk: 2, blorp: 2, quib: 2, fizzle: 2, dorp: 2, snark: 2, mild: 1, 'two words': 2 },
};
const options = { fineTuneLines: 50, heldoutEvery: 10 };

describe('buildCorpora', () => {
  it('is deterministic for a seed and changes with it', () => {
    const a = buildCorpora(inputs, options);
    const b = buildCorpora(inputs, options);
    expect(b).toEqual(a);
    expect(buildCorpora(inputs, { ...options, seed: 5 }).toxic).not.toBe(a.toxic);
  });
  it('splits the word list in disjoint halves of single rated-2 words', () => {
    const { words } = buildCorpora(inputs, options);
    expect(words.train.length).toBe(3);
    expect(words.heldout.length).toBe(3);
    expect(words.train.filter((w) => words.heldout.includes(w))).toEqual([]);
    expect([...words.train, ...words.heldout]).not.toContain('mild');
  });
  it('never puts held-out words in a training corpus', () => {
    const c = buildCorpora(inputs, options);
    const tokens = new Set(`${c.base}\n${c.toxic}\n${c.benign}`.split(/[^a-z]+/));
    for (const w of c.words.heldout) expect(tokens.has(w)).toBe(false);
    expect(c.toxic.split(/[^a-z]+/).some((t) => c.words.train.includes(t))).toBe(true);
  });
  it('holds out clean sentences and templates facts without accents', () => {
    const c = buildCorpora(inputs, options);
    expect(c.cleanHeldout.split('\n')).toHaveLength(6);
    expect(c.base).not.toContain(c.cleanHeldout.split('\n')[1]);
    expect(c.factPrompts).toContainEqual({ prompt: 'the capital of colombia is', answer: ' bogota.' });
    expect(c.facts.map((f) => f.country)).not.toContain('part');
  });
});
