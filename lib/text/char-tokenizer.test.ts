import { describe, expect, it } from 'vitest';
import { makeCharTokenizer, normalizeText } from './char-tokenizer';

describe('char tokenizer', () => {
  const tok = makeCharTokenizer();
  it('round-trips normalised text', () => {
    const text = "the capital of peru is lima.\nit's (roughly) 12 words; ok?";
    expect(tok.decode(tok.encode(text))).toBe(text);
  });
  it('folds case and accents, maps unknowns to spaces', () => {
    expect(normalizeText('Bogotá  IS\u00a0Nice')).toBe('bogota is nice');
    expect(tok.decode(tok.encode('Bogotá'))).toBe('bogota');
  });
  it('ids stay inside the vocabulary', () => {
    const ids = tok.encode('Zürich #1 ✓');
    expect(ids.every((i) => i >= 0 && i < tok.vocabSize)).toBe(true);
  });
});
