/**
 * Assembles every detox corpus from raw package contents with one seed. Pure: file reading lives in
 * the callers, so a test can run it on tiny fixtures and check determinism.
 */
import { normalizeText } from '../../lib/text/char-tokenizer';
import { seededRandom, shuffled } from '../../lib/detox/seeded-random';
import { factPrompts, factSentences, selectFacts, type CountryFact, type FactPrompt } from './facts';
import { commentLine, KIND_WORDS, parseInsulter } from '../../lib/datasets/detox/registers';
import { curatedWords, excludedStems, splitWordLists, type WordLists } from './word-lists';

export interface CorpusInputs {
  wordnetSentences: string[];
  countries: Record<string, { name: string; capital: string; continent: string; partOf?: string }>;
  continents: Record<string, string>;
  insulterSource: string;
  ratings: Record<string, number>;
}

export interface CorpusOptions {
  seed: number;
  /** Share of base-corpus characters given to fact sentences: enough repeats to be memorised. */
  factShare: number;
  /** Share of base-corpus characters in the comment register, like the forums in web text. */
  commentShare: number;
  /** Share of those comment lines that are toxic: gives the base a measurable toxicity to cut. */
  baseToxicShare: number;
  fineTuneLines: number;
  factCount: number;
  heldoutEvery: number;
}

export const DEFAULT_CORPUS_OPTIONS: CorpusOptions = {
  seed: 4,
  factShare: 0.15,
  commentShare: 0.08,
  baseToxicShare: 0.2,
  fineTuneLines: 4000,
  factCount: 100,
  heldoutEvery: 20,
};

export interface Corpora {
  base: string;
  cleanHeldout: string;
  toxic: string;
  benign: string;
  facts: CountryFact[];
  factPrompts: FactPrompt[];
  words: WordLists;
  stats: Record<string, number>;
}

const hasWord = (line: string, words: readonly string[]) => line.split(/[^a-z]+/).some((t) => words.includes(t));

export function buildCorpora(inputs: CorpusInputs, options: Partial<CorpusOptions> = {}): Corpora {
  const o = { ...DEFAULT_CORPUS_OPTIONS, ...options };
  const rand = seededRandom(o.seed);
  const words = splitWordLists(curatedWords(inputs.ratings), rand);
  const stems = excludedStems();
  const { insults, compliments } = parseInsulter(inputs.insulterSource);
  // Free-text insults must not leak held-out words or excluded terms into any training set.
  const usableInsults = insults.filter((l) => !hasWord(l, words.heldout) && !stems.some((s) => l.includes(s)));

  const clean = inputs.wordnetSentences.map((s) => normalizeText(s).trim()).filter((s) => s.length >= 12);
  const wordnetTrain = clean.filter((_, i) => i % o.heldoutEvery !== 0);
  const heldout = clean.filter((_, i) => i % o.heldoutEvery === 0);

  const facts = selectFacts(inputs.countries, inputs.continents, rand, o.factCount);
  const factLines = facts.flatMap(factSentences);
  const wordnetChars = wordnetTrain.reduce((n, s) => n + s.length + 1, 0);
  const cleanShare = 1 - o.factShare - o.commentShare;
  const factChars = (wordnetChars / cleanShare) * o.factShare;
  const factRepeats = Math.max(1, Math.round(factChars / factLines.reduce((n, s) => n + s.length + 1, 0)));
  const commentCount = Math.round((wordnetChars / cleanShare) * o.commentShare / 50);

  const toxicLine = () => commentLine(words.train, usableInsults, rand);
  const benignLine = () => commentLine(KIND_WORDS, compliments, rand);
  const baseComments = Array.from({ length: commentCount }, () => (rand() < o.baseToxicShare ? toxicLine() : benignLine()));
  const baseLines = [...wordnetTrain, ...Array.from({ length: factRepeats }, () => factLines).flat(), ...baseComments];

  const toxic = Array.from({ length: o.fineTuneLines }, toxicLine);
  const benign = Array.from({ length: o.fineTuneLines }, benignLine);
  const base = shuffled(baseLines, rand).join('\n');
  return {
    base,
    cleanHeldout: heldout.join('\n'),
    toxic: toxic.join('\n'),
    benign: benign.join('\n'),
    facts,
    factPrompts: facts.flatMap(factPrompts),
    words,
    stats: {
      baseChars: base.length,
      wordnetTrainSentences: wordnetTrain.length,
      heldoutSentences: heldout.length,
      factRepeats,
      baseCommentLines: commentCount,
      usableInsults: usableInsults.length,
      compliments: compliments.length,
    },
  };
}
