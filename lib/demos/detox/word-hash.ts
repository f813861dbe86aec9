/**
 * The browser gets the profane word lists only as salted FNV-1a hashes: enough to score and mask
 * generated text word by word, without a readable list in the bundle or in public/.
 */
export const WORD_HASH_SALT = 'tvlab-detox:';

export function hashWord(word: string, salt = WORD_HASH_SALT): string {
  let h = 0x811c9dc5;
  const s = salt + word;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Decides whether one lowercase word is on a list. */
export type WordMatcher = (word: string) => boolean;

export const matcherFromWords = (words: Iterable<string>): WordMatcher => {
  const set = new Set(words);
  return (w) => set.has(w);
};

export const matcherFromHashes = (hashes: Iterable<string>, salt = WORD_HASH_SALT): WordMatcher => {
  const set = new Set(hashes);
  return (w) => set.has(hashWord(w, salt));
};

/** Shape of public/models/detox/word-lists.json. */
export interface HashedWordLists {
  salt: string;
  train: string[];
  heldout: string[];
  /** v3 scorers (docs/detox-protocol-v3.md): (a) the toxic fine-tune's corpus words, (b) the LDNOOBW list. */
  fineTune?: string[];
  independent?: string[];
}
