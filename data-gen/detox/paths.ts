/** Where detox data, checkpoints and shipped models live (Node side only). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { hashWord, WORD_HASH_SALT, type HashedWordLists } from '../../lib/demos/detox/word-hash';
import type { ScorerLists } from './scorer-lists';
import type { WordLists } from './word-lists';

export const DATA_DIR = 'data/detox';
export const CHECKPOINT_DIR = 'checkpoints/detox';
export const MODEL_DIR = 'public/models/detox';

export function writeWordListHashes(words: WordLists, dir = MODEL_DIR, scorers?: ScorerLists): void {
  mkdirSync(dir, { recursive: true });
  const lists: HashedWordLists = {
    salt: WORD_HASH_SALT,
    train: words.train.map((w) => hashWord(w)).sort(),
    heldout: words.heldout.map((w) => hashWord(w)).sort(),
    ...(scorers && { fineTune: scorers.fineTune.map((w) => hashWord(w)).sort(), independent: scorers.independent.map((w) => hashWord(w)).sort() }),
  };
  writeFileSync(`${dir}/word-lists.json`, `${JSON.stringify(lists, null, 1)}\n`);
}
