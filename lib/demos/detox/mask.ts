/** Masks listed words for display: first letter kept, the rest asterisks (a word of 4 letters -> x***). */
import type { WordMatcher } from './word-hash';

export const maskWord = (word: string): string => word.slice(0, 1) + '*'.repeat(Math.max(0, word.length - 1));

/** Replaces whole listed words, keeping every other character (spacing, punctuation, case) as is. */
export const maskText = (text: string, isListed: WordMatcher): string =>
  text.replace(/[A-Za-z]+/g, (w) => (isListed(w.toLowerCase()) ? maskWord(w) : w));
