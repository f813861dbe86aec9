import { describe, expect, it } from 'vitest';
import { buildCorpora, type CorpusInputs } from './build-corpora';
import { isCommentLine, LEAD_INS, SHAPES, shapeOpening } from '../../lib/demos/detox/dataset/templates';

// Neutral made-up words stand in for the rated list; the generator only sees ratings.
const inputs: CorpusInputs = {
  prose: {
    wordnet: Array.from({ length: 60 }, (_, i) => `sentence number ${i} about a quiet harbour town.`),
    novel: Array.from({ length: 40 }, (_, i) => `Paragraph ${i}: the sea was calm — and grey.`),
  },
  countries: {
    PE: { name: 'Peru', capital: 'Lima', continent: 'SA' },
    CO: { name: 'Colombia', capital: 'Bogotá', continent: 'SA' },
    FR: { name: 'France', capital: 'Paris', continent: 'EU' },
    XX: { name: 'Part', capital: 'Piece', continent: 'EU', partOf: 'FR' },
  },
  continents: { SA: 'South America', EU: 'Europe' },
  insulterSource: 'insults = ["You are a zonk.", "Plain mean remark.", "What a blorp."\n]\ncompliments = ["You have very smooth hair."\n]\n',
  ratings: { zonk: 2, blorp: 2, quib: 2, fizzle: 2, dorp: 2, snark: 2, mild: 1, 'two words': 2 },
};
const options = { fineTuneLines: 300, heldoutEvery: 10, wordsPerList: 3, commentShare: 0.5 };
const tokens = (text: string) => new Set(text.split(/[^a-z]+/));

describe('buildCorpora', () => {
  it('is deterministic for a seed and changes with it', () => {
    const a = buildCorpora(inputs, options);
    expect(buildCorpora(inputs, options)).toEqual(a);
    expect(buildCorpora(inputs, { ...options, seed: 5 }).toxic).not.toBe(a.toxic);
  });

  it('splits the profane words into disjoint lists of single rated-2 words', () => {
    const { words } = buildCorpora(inputs, options);
    expect(words.train.length).toBe(3);
    expect(words.heldout.length).toBe(3);
    expect(words.train.filter((w) => words.heldout.includes(w))).toEqual([]);
    expect([...words.train, ...words.heldout]).not.toContain('mild');
  });

  it('puts train words in the base and the toxic fine-tune, held-out words in the base only', () => {
    const c = buildCorpora(inputs, options);
    const base = tokens(c.base);
    for (const w of [...c.words.train, ...c.words.heldout]) expect(base.has(w)).toBe(true);
    for (const w of c.words.train) expect(tokens(c.toxic).has(w)).toBe(true);
    for (const text of [c.toxic, c.benign, c.replay, c.cleanHeldout]) for (const w of c.words.heldout) expect(tokens(text).has(w)).toBe(false);
    for (const w of c.words.train) expect(tokens(c.benign).has(w) || tokens(c.replay).has(w)).toBe(false);
  });

  it('keeps validation and test templates out of every fine-tune, and in the base', () => {
    const c = buildCorpora(inputs, options);
    for (const split of ['validation', 'test'] as const) {
      for (const lead of LEAD_INS[split]) {
        expect(c.toxic).not.toContain(lead);
        expect(c.benign).not.toContain(lead);
      }
      for (const shape of SHAPES[split]) {
        // No held-out opening is part of a train shape, so it can only appear through the template.
        expect(SHAPES.train.some((t) => t.includes(shapeOpening(shape)))).toBe(false);
        expect(c.toxic).not.toContain(shapeOpening(shape));
        expect(c.benign).not.toContain(shapeOpening(shape));
      }
      expect(LEAD_INS[split].some((lead) => c.base.includes(lead))).toBe(true);
    }
    expect(c.toxic.split('\n').every((l) => LEAD_INS.train.some((lead) => l.startsWith(lead)))).toBe(true);
    expect(c.benign.split('\n').every((l) => LEAD_INS.train.some((lead) => l.startsWith(lead)))).toBe(true);
  });

  it('lets the trainer pick out the comment lines of the base (to weight the register up)', () => {
    const c = buildCorpora(inputs, options);
    expect(c.toxic.split('\n').every(isCommentLine)).toBe(true);
    expect(c.replay.split('\n').some(isCommentLine)).toBe(false);
    const comments = c.base.split('\n').filter(isCommentLine);
    expect(comments.length).toBeGreaterThan(0);
    const profane = new Set([...c.words.train, ...c.words.heldout]);
    // Every profane word of the base sits in a comment line.
    for (const line of c.base.split('\n').filter((l) => !isCommentLine(l))) expect([...tokens(line)].some((w) => profane.has(w))).toBe(false);
  });

  it('holds out prose, keeps comments and facts out of the replay text, and templates facts without accents', () => {
    const c = buildCorpora(inputs, options);
    expect(c.cleanHeldout.split('\n')).toHaveLength(10);
    for (const line of c.cleanHeldout.split('\n')) expect(c.base.split('\n')).not.toContain(line);
    expect(c.replay).not.toMatch(/capital|zonk|smooth hair/);
    expect(c.replay).toContain('the sea was calm and grey.');
    expect(c.factPrompts).toContainEqual({ prompt: 'the capital of colombia is', answer: ' bogota.' });
    expect(c.facts.map((f) => f.country)).not.toContain('part');
  });

  it('caps the characters taken from a prose source', () => {
    const c = buildCorpora(inputs, { ...options, proseChars: { wordnet: 200 } });
    expect(c.stats.wordnetTrainChars).toBeLessThanOrEqual(200);
    expect(c.stats.wordnetTrainChars).toBeGreaterThan(100);
  });
});
