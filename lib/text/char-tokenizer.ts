/**
 * Character vocabulary for the detox char GPT. Lowercase only: a smaller vocabulary spends the tiny
 * model's capacity on words instead of case. Accents are folded (bogotá -> bogota) so country data fits.
 */
export const DEFAULT_CHARS = "\n abcdefghijklmnopqrstuvwxyz0123456789.,;:'!?-()";

export interface CharTokenizer {
  chars: string;
  vocabSize: number;
  encode(text: string): number[];
  decode(ids: ArrayLike<number>): string;
}

/** Lowercases, folds accents, maps unknown characters to a space and collapses runs of spaces. */
export function normalizeText(text: string, chars = DEFAULT_CHARS): string {
  const allowed = new Set(chars);
  const folded = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[\u2018\u2019`]/g, "'");
  let out = '';
  for (const ch of folded) out += allowed.has(ch) ? ch : ' ';
  return out.replace(/ {2,}/g, ' ');
}

export function makeCharTokenizer(chars = DEFAULT_CHARS): CharTokenizer {
  const index = new Map<string, number>();
  [...chars].forEach((c, i) => index.set(c, i));
  const space = index.get(' ') ?? 0;
  return {
    chars,
    vocabSize: chars.length,
    encode: (text) => [...normalizeText(text, chars)].map((c) => index.get(c) ?? space),
    decode: (ids) => Array.from(ids, (i) => chars[i] ?? '').join(''),
  };
}
