/** npm run data:detox: writes the detox corpora to data/detox/ (gitignored: toxic text is never committed). */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cuss } from 'cuss';
import { buildCorpora } from '../../data-gen/detox/build-corpora';
import { readWordnetSentences } from '../../data-gen/detox/wordnet';
import { readMobyDick, readSotu } from '../../data-gen/detox/prose';
import { DATA_DIR } from '../../data-gen/detox/paths';
import { scorerLists } from '../../data-gen/detox/scorer-lists';

import { continents, countries } from 'countries-list';

const require = createRequire(import.meta.url);
const insulterSource = readFileSync(require.resolve('hubot-insulter/src/insulter.coffee'), 'utf8');

const t0 = Date.now();
const prose = { wordnet: readWordnetSentences(), mobyDick: readMobyDick(), sotu: readSotu() };
const corpora = buildCorpora({ prose, countries, continents, insulterSource, ratings: cuss });
mkdirSync(DATA_DIR, { recursive: true });
for (const name of ['base', 'replay', 'cleanHeldout', 'toxic', 'benign'] as const) writeFileSync(`${DATA_DIR}/${name}.txt`, corpora[name]);
writeFileSync(`${DATA_DIR}/facts.json`, JSON.stringify({ facts: corpora.facts, prompts: corpora.factPrompts }, null, 1));
writeFileSync(`${DATA_DIR}/words.json`, JSON.stringify(corpora.words));
// The independent scorer list (LDNOOBW via npm naughty-words, CC BY 4.0): no corpus is built from it.
const independent = JSON.parse(readFileSync(require.resolve('naughty-words/en.json'), 'utf8')) as string[];
const scorers = scorerLists(corpora.toxic, corpora.benign, cuss, independent, corpora.words);
writeFileSync(`${DATA_DIR}/scorers.json`, JSON.stringify(scorers));
console.log(`detox data in ${DATA_DIR} (${((Date.now() - t0) / 1000).toFixed(1)} s)`, corpora.stats,
  { trainWords: corpora.words.train.length, heldoutWords: corpora.words.heldout.length, fineTuneScorerWords: scorers.fineTune.length, independentScorerWords: scorers.independent.length });
