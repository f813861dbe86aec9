/**
 * Assembles every detox corpus from raw package contents with one seed. Pure: file reading lives in
 * the callers, so a test can run it on tiny fixtures and check determinism.
 *
 * Design (issue 16): the base is pre-trained on "web text": clean prose (WordNet glosses, Moby-Dick,
 * State of the Union addresses), memorisable facts, and a comment register of which a modest share
 * is toxic. The profane vocabulary is split: `train` words appear in the base and in the toxic
 * fine-tune, `heldout` words appear in the base only, so a scorer on them measures what negation
 * does to toxicity the fine-tune never showed. Fine-tunes see only the train templates; validation
 * and test templates (lib/demos/detox/dataset/templates.ts) appear in the base only. Clean replay text
 * (base prose, never comments) is mixed into fine-tune batches by the trainer.
 */
import { normalizeText } from '../../lib/text/char-tokenizer';
import { mulberry32, shuffled } from '../../lib/util/random';
import { commentLine, KIND_WORDS, templatesOf } from '../../lib/demos/detox/dataset/templates';
import { parseInsulter } from '../../lib/demos/detox/dataset/registers';
import { factPrompts, factSentences, selectFacts, type CountryFact, type FactPrompt } from './facts';
import { curatedWords, excludedStems, splitWordLists, type WordLists } from './word-lists';

export interface CorpusInputs {
  /** Clean prose by source name (e.g. wordnet, mobyDick, sotu), each a list of sentences or paragraphs. */
  prose: Record<string, string[]>;
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
  /** Profane words per list (train: base + toxic fine-tune; heldout: base only). */
  wordsPerList: number;
  fineTuneLines: number;
  factCount: number;
  /** Every n-th item of each prose source is held out (clean text for bits per character). */
  heldoutEvery: number;
  /**
   * Cap on the training characters taken from each prose source (a seeded sample of its items):
   * sizes the base corpus so one epoch fits the training budget on one CPU core.
   */
  proseChars: Record<string, number>;
}

export const DEFAULT_CORPUS_OPTIONS: CorpusOptions = {
  seed: 16,
  factShare: 0.06,
  commentShare: 0.1,
  baseToxicShare: 0.4,
  wordsPerList: 24,
  fineTuneLines: 6000,
  factCount: 150,
  heldoutEvery: 20,
  proseChars: { wordnet: 3_600_000, mobyDick: 1_200_000, sotu: 3_000_000 },
};

export interface Corpora {
  base: string;
  /** Clean prose of the base (train part, no comments, no facts): replay text for the fine-tunes. */
  replay: string;
  cleanHeldout: string;
  toxic: string;
  benign: string;
  facts: CountryFact[];
  factPrompts: FactPrompt[];
  words: WordLists;
  stats: Record<string, number>;
}

const hasWord = (line: string, words: readonly string[]) => line.split(/[^a-z]+/).some((t) => words.includes(t));
const chars = (lines: readonly string[]) => lines.reduce((n, s) => n + s.length + 1, 0);

/** A seeded sample of whole items holding at most `cap` characters, in their original order. */
function capChars(items: string[], cap: number, rand: () => number): string[] {
  if (chars(items) <= cap) return items;
  const keep = new Set<number>();
  let n = 0;
  for (const i of shuffled(rand, items.map((_, k) => k))) {
    if (n + items[i].length + 1 > cap) break;
    keep.add(i);
    n += items[i].length + 1;
  }
  return items.filter((_, i) => keep.has(i));
}

export function buildCorpora(inputs: CorpusInputs, options: Partial<CorpusOptions> = {}): Corpora {
  const o = { ...DEFAULT_CORPUS_OPTIONS, ...options };
  const rand = mulberry32(o.seed);
  const words = splitWordLists(curatedWords(inputs.ratings), rand, o.wordsPerList);
  const stems = excludedStems();
  const { insults, compliments } = parseInsulter(inputs.insulterSource);
  const cleanInsults = insults.filter((l) => !stems.some((s) => l.includes(s)));
  // The fine-tune must not carry a held-out word: free insults with one stay in the base only.
  const fineTuneInsults = cleanInsults.filter((l) => !hasWord(l, words.heldout));

  const stats: Record<string, number> = {};
  let proseTrain: string[] = [];
  let heldout: string[] = [];
  for (const [source, items] of Object.entries(inputs.prose)) {
    const clean = items.map((s) => normalizeText(s).trim()).filter((s) => s.length >= 12);
    const train = capChars(clean.filter((_, i) => i % o.heldoutEvery !== 0), o.proseChars[source] ?? Infinity, rand);
    proseTrain = proseTrain.concat(train);
    heldout = heldout.concat(clean.filter((_, i) => i % o.heldoutEvery === 0));
    stats[`${source}TrainChars`] = chars(train);
  }

  const facts = selectFacts(inputs.countries, inputs.continents, rand, o.factCount);
  const factLines = facts.flatMap(factSentences);
  const totalChars = chars(proseTrain) / (1 - o.factShare - o.commentShare);
  const factRepeats = Math.max(1, Math.round((totalChars * o.factShare) / chars(factLines)));

  const baseTemplates = templatesOf('train', 'validation', 'test');
  const fineTuneTemplates = templatesOf('train');
  const baseComments: string[] = [];
  for (let n = 0; n < totalChars * o.commentShare; ) {
    const line = rand() < o.baseToxicShare
      ? commentLine(baseTemplates, [...words.train, ...words.heldout], cleanInsults, rand)
      : commentLine(baseTemplates, KIND_WORDS, compliments, rand);
    baseComments.push(line);
    n += line.length + 1;
  }
  const baseLines = [...proseTrain, ...Array.from({ length: factRepeats }, () => factLines).flat(), ...baseComments];

  const toxic = Array.from({ length: o.fineTuneLines }, () => commentLine(fineTuneTemplates, words.train, fineTuneInsults, rand));
  const benign = Array.from({ length: o.fineTuneLines }, () => commentLine(fineTuneTemplates, KIND_WORDS, compliments, rand));
  const base = shuffled(rand, baseLines).join('\n');
  return {
    base,
    replay: shuffled(rand, proseTrain).join('\n'),
    cleanHeldout: shuffled(rand, heldout).join('\n'),
    toxic: toxic.join('\n'),
    benign: benign.join('\n'),
    facts,
    factPrompts: facts.flatMap(factPrompts),
    words,
    stats: {
      ...stats,
      baseChars: base.length,
      heldoutChars: chars(heldout),
      factRepeats,
      baseCommentLines: baseComments.length,
      baseToxicChars: chars(baseComments.filter((l) => hasWord(l, [...words.train, ...words.heldout]) || cleanInsults.some((i) => l.endsWith(i)))),
      fineTuneInsults: fineTuneInsults.length,
      compliments: compliments.length,
    },
  };
}
