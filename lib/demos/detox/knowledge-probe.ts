/**
 * Knowledge the base has, as a multiple-choice cloze on held-out sentences: in a sentence of the
 * held-out clean prose (WordNet definitions and examples, Moby-Dick, State of the Union; never in any
 * training corpus, so held out in wording) one word is swapped for three distractors of the same
 * length, and the model must give the original sentence the highest log-likelihood. It asks which
 * word the language the base learnt puts there: word meaning, collocations, agreement. (The base
 * ranks its own fact sentences' capitals at chance, so facts cannot show a loss:
 * docs/detox-protocol-v3.md.)
 */
import * as tf from '@tensorflow/tfjs-core';
import { forward, type CharGptConfig, type Params } from '../../models/char-gpt';
import type { CharTokenizer } from '../../text/char-tokenizer';
import { shuffled } from '../../util/random';

export interface ClozeItem {
  /** choices[0] is the original sentence. */
  choices: string[];
}

const CHOICES = 4;
const MIN_WORD = 4;

/** `count` items from held-out lines of 40-90 characters (short rows keep the forward cheap), a seeded word and distractors per line. */
export function clozeItems(lines: readonly string[], count: number, rand: () => number): ClozeItem[] {
  const usable = lines.filter((s) => s.length >= 40 && s.length <= 90);
  const byLength = new Map<number, string[]>();
  for (const w of new Set(usable.join(' ').match(/[a-z]+/g) ?? [])) byLength.set(w.length, [...(byLength.get(w.length) ?? []), w]);
  const items: ClozeItem[] = [];
  for (const s of shuffled(rand, usable)) {
    if (items.length >= count) break;
    const words = [...s.matchAll(new RegExp(`[a-z]{${MIN_WORD},}`, 'g'))];
    if (!words.length) continue;
    const m = words[Math.floor(rand() * words.length)];
    const right = m[0];
    const others = shuffled(rand, (byLength.get(right.length) ?? []).filter((w) => w !== right)).slice(0, CHOICES - 1);
    if (others.length < CHOICES - 1) continue;
    const at = m.index ?? 0;
    items.push({ choices: [right, ...others].map((w) => s.slice(0, at) + w + s.slice(at + right.length)) });
  }
  return items;
}

/** Sum of log-probabilities (nats) of each text after a newline, teacher-forced, in batches. */
export function textLogProbs(p: Params, cfg: CharGptConfig, tok: CharTokenizer, texts: readonly string[], batch = 64): number[] {
  const out: number[] = [];
  for (let r0 = 0; r0 < texts.length; r0 += batch) {
    const rows = texts.slice(r0, r0 + batch).map((t) => tok.encode(`\n${t}`).slice(0, cfg.blockSize + 1));
    const L = Math.max(...rows.map((r) => r.length)) - 1;
    const x = new Int32Array(rows.length * L);
    rows.forEach((r, i) => x.set(r.slice(0, -1), i * L));
    const logp = tf.tidy(() => tf.logSoftmax(forward(p, tf.tensor2d(x, [rows.length, L], 'int32'), cfg)));
    const lp = logp.dataSync() as Float32Array;
    logp.dispose();
    const V = cfg.vocabSize;
    rows.forEach((r, i) => {
      let s = 0;
      for (let j = 0; j < r.length - 1; j++) s += lp[(i * L + j) * V + r[j + 1]];
      out.push(s);
    });
  }
  return out;
}

/** 1/0 per item: whether the original sentence is the most likely of its choices. */
export function clozeOutcomes(p: Params, cfg: CharGptConfig, tok: CharTokenizer, items: readonly ClozeItem[]): number[] {
  const lps = textLogProbs(p, cfg, tok, items.flatMap((it) => it.choices));
  return items.map((it, i) => {
    const s = lps.slice(i * CHOICES, (i + 1) * CHOICES);
    return s.every((v, j) => j === 0 || v < s[0]) ? 1 : 0;
  });
}
