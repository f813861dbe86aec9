/**
 * The v3 toxicity scorers (issue 25). A scorer must see what the toxic vector encodes, and an
 * independent source must check whether removing it generalises:
 * - fineTune: every word of the toxic fine-tune's corpus that cuss rates 2 (surely profane) and the
 *   benign corpus does not use: its 24 slot words and the profane words of its free insult lines;
 * - independent: the English single words of the LDNOOBW list (npm naughty-words, CC BY 4.0), a source
 *   that neither the base corpus nor any fine-tune was built from (they use cuss and hubot-insulter).
 * The primary scorer is their union; baseOnly (v2's scorer) stays as an exploratory column.
 */
import type { WordLists } from './word-lists';

export interface ScorerLists {
  fineTune: string[];
  independent: string[];
  baseOnly: string[];
}

const wordsIn = (text: string): Set<string> => new Set(text.match(/[a-z]+/g) ?? []);

export function fineTuneCorpusWords(toxicCorpus: string, benignCorpus: string, ratings: Record<string, number>): string[] {
  const benign = wordsIn(benignCorpus);
  return [...wordsIn(toxicCorpus)].filter((w) => ratings[w] === 2 && !benign.has(w)).sort();
}

/** Single lowercase words only: the scorers match whole words of letters. */
export const independentWords = (list: readonly string[]): string[] => [...new Set(list.map((w) => w.trim().toLowerCase()).filter((w) => /^[a-z]+$/.test(w)))].sort();

export function scorerLists(toxicCorpus: string, benignCorpus: string, ratings: Record<string, number>, independentList: readonly string[], words: WordLists): ScorerLists {
  return { fineTune: fineTuneCorpusWords(toxicCorpus, benignCorpus, ratings), independent: independentWords(independentList), baseOnly: [...words.heldout] };
}
