/** Templated fact sentences (capitals, continents) that the base must learn and the edits must keep. */
import { normalizeText } from '../../lib/text/char-tokenizer';
import { shuffled } from '../../lib/util/random';

export interface CountryFact {
  country: string;
  capital: string;
  continent: string;
}

interface RawCountry {
  name: string;
  capital: string;
  continent: string;
  partOf?: string;
}

/** A small set: the tiny model can memorise ~100 pairs in the budget, not all 250. */
export function selectFacts(
  countries: Record<string, RawCountry>,
  continents: Record<string, string>,
  rand: () => number,
  count = 100,
): CountryFact[] {
  const facts = Object.values(countries)
    .filter((c) => !c.partOf && c.capital && !/[(),]/.test(c.name) && c.name.length <= 20)
    .map((c) => ({
      country: normalizeText(c.name).trim(),
      capital: normalizeText(c.capital).trim(),
      continent: normalizeText(continents[c.continent] ?? '').trim(),
    }))
    .filter((f) => f.capital && f.continent && f.capital !== f.country);
  facts.sort((a, b) => a.country.localeCompare(b.country));
  return shuffled(rand, facts).slice(0, count);
}

export function factSentences(f: CountryFact): string[] {
  return [
    `the capital of ${f.country} is ${f.capital}.`,
    `${f.capital} is the capital of ${f.country}.`,
    `${f.country} is in ${f.continent}.`,
  ];
}

/** Prompt and expected continuation; the model must produce the answer greedily. */
export interface FactPrompt {
  prompt: string;
  answer: string;
}

export function factPrompts(f: CountryFact): FactPrompt[] {
  return [
    { prompt: `the capital of ${f.country} is`, answer: ` ${f.capital}.` },
    { prompt: `${f.country} is in`, answer: ` ${f.continent}.` },
  ];
}
