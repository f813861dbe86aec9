/**
 * The detox evaluation, runnable in Node or a browser worker: toxicity of sampled continuations of
 * provocative prompts, fluency as bits per character on held-out clean text, knowledge as greedy
 * completion of fact prompts. Everything is seeded, so one model always gets the same numbers.
 */
import * as tf from '@tensorflow/tfjs-core';
import { forward, generateBatch, type CharGptConfig, type Params } from '../../models/char-gpt';
import type { SampleOptions } from '../../models/char-sampling';
import type { CharTokenizer } from '../../text/char-tokenizer';
import { scoreGenerations, type ToxicityScore } from './score';
import type { WordMatcher } from './word-hash';

export interface ToxicityProtocol {
  prompts: string[];
  seedsPerPrompt: number;
  maxNewChars: number;
  temperature: number;
  topK: number;
  seed: number;
}

export async function sampleContinuations(p: Params, cfg: CharGptConfig, tok: CharTokenizer, o: ToxicityProtocol): Promise<string[]> {
  const prompts = o.prompts.flatMap((pr) => Array.from({ length: o.seedsPerPrompt }, () => tok.encode(`${pr} `)));
  const ids = await generateBatch(p, prompts, cfg, { maxNewChars: o.maxNewChars, temperature: o.temperature, topK: o.topK, seed: o.seed, stopIds: tok.encode('\n') });
  return ids.map((row) => tok.decode(row).split('\n')[0]);
}

export function toxicity(texts: string[], lists: Record<string, WordMatcher>): Record<string, ToxicityScore> {
  return Object.fromEntries(Object.entries(lists).map(([name, m]) => [name, scoreGenerations(texts, m)]));
}

/** Mean next-character loss in bits over non-overlapping blockSize windows of `text`. */
export function bitsPerChar(p: Params, cfg: CharGptConfig, tok: CharTokenizer, text: string, batch = 100): number {
  const bits = windowBits(p, cfg, tok, text, batch);
  return bits.reduce((a, b) => a + b, 0) / bits.length;
}

/** Bits per character of each non-overlapping blockSize window of `text` (for paired intervals over windows). */
export function windowBits(p: Params, cfg: CharGptConfig, tok: CharTokenizer, text: string, batch = 100): number[] {
  const ids = tok.encode(text);
  const T = cfg.blockSize;
  const windows = Math.floor((ids.length - 1) / T);
  const out: number[] = [];
  for (let w0 = 0; w0 < windows; w0 += batch) {
    const B = Math.min(batch, windows - w0);
    const x = new Int32Array(B * T);
    const y = new Int32Array(B * T);
    for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) {
      x[b * T + t] = ids[(w0 + b) * T + t];
      y[b * T + t] = ids[(w0 + b) * T + t + 1];
    }
    const perWindow = tf.tidy(() => {
      const logits = forward(p, tf.tensor2d(x, [B, T], 'int32'), cfg); // (B*T, V)
      const target = tf.oneHot(tf.tensor1d(y, 'int32'), cfg.vocabSize); // (B*T, V)
      return tf.neg(tf.sum(tf.reshape(tf.mul(target, tf.logSoftmax(logits)), [B, -1]), 1));
    });
    for (const nats of perWindow.dataSync()) out.push(nats / T / Math.LN2);
    perWindow.dispose();
  }
  return out;
}

/**
 * Low-variance toxicity: the probability that the next word after "prompt " is a listed word, summed
 * exactly over the list (teacher-forced: P(letters of w) x P(a non-letter follows)), averaged over
 * prompts. Needs the clear word list, so it is an offline metric; sampling is what a user sees.
 */
export function listedWordProbability(p: Params, cfg: CharGptConfig, tok: CharTokenizer, prompts: string[], words: string[]): number {
  const rows = prompts.flatMap((pr) => words.map((w) => ({ start: tok.encode(`${pr} `).length, ids: tok.encode(`${pr} ${w}`), n: w.length })));
  const L = Math.max(...rows.map((r) => r.ids.length));
  const flat = new Int32Array(rows.length * L);
  rows.forEach((r, i) => flat.set(r.ids, i * L));
  const logp = tf.tidy(() => tf.logSoftmax(forward(p, tf.tensor2d(flat, [rows.length, L], 'int32'), cfg))); // (N*L, V)
  const lp = logp.dataSync() as Float32Array;
  logp.dispose();
  const V = cfg.vocabSize;
  const letters = [...'abcdefghijklmnopqrstuvwxyz'].map((c) => tok.encode(c)[0]);
  let total = 0;
  rows.forEach((r, i) => {
    let sum = 0;
    for (let j = 0; j < r.n; j++) sum += lp[(i * L + r.start - 1 + j) * V + r.ids[r.start + j]];
    const end = (i * L + r.start - 1 + r.n) * V;
    const pLetter = letters.reduce((a, id) => a + Math.exp(lp[end + id]), 0);
    total += Math.exp(sum) * Math.max(0, 1 - pLetter);
  });
  return total / prompts.length;
}

/**
 * Sampling as the evaluation uses it: new ids per prompt row. tfjs (generateBatch) or onnxruntime
 * with a KV cache (CharGptSession.generate); both give the same texts for the same seed.
 */
export type Generate = (prompts: number[][], o: SampleOptions) => Promise<number[][]>;

export const tfGenerate = (p: Params, cfg: CharGptConfig): Generate => (prompts, o) => generateBatch(p, prompts, cfg, o);

export interface FactPrompt {
  prompt: string;
  answer: string;
}

const FACT_CHUNK = 50;

/** Share of prompts whose greedy continuation starts with the answer (e.g. " lima."). */
export async function factAccuracy(generate: Generate, tok: CharTokenizer, facts: FactPrompt[]): Promise<number> {
  const maxNewChars = Math.max(...facts.map((f) => f.answer.length));
  // Greedy, so chunks give the same answers as one batch; 300 prompts at once would hold a cache prefill's (B*heads, T, T) mask of 80 MB.
  const ids: number[][] = [];
  for (let i = 0; i < facts.length; i += FACT_CHUNK)
    ids.push(...(await generate(facts.slice(i, i + FACT_CHUNK).map((f) => tok.encode(f.prompt)), { maxNewChars, temperature: 0, topK: 1, seed: 0 })));
  const correct = ids.filter((row, i) => tok.decode(row).startsWith(facts[i].answer)).length;
  return correct / facts.length;
}

export interface ModelMetrics {
  toxicity: Record<string, ToxicityScore>;
  /** listedWordProbability per list, when clear word lists are given. */
  listedProbability: Record<string, number>;
  bitsPerChar: number;
  factAccuracy: number;
}

const SAMPLE_CHUNK = 32;

/**
 * Toxicity outcomes per prompt and sample (1 = the continuation contains a listed word), for
 * bootstrap intervals. Each prompt's samples are one batch with seed `seed + 100003 * prompt`, so
 * sample j of prompt p has the same random stream under every model (paired comparisons).
 */
export async function sampleOutcomes(
  generate: Generate,
  tok: CharTokenizer,
  o: { prompts: string[]; samplesPerPrompt: number; maxNewChars: number; temperature: number; topK: number; seed: number },
  isListed: WordMatcher,
): Promise<{ outcomes: number[][]; texts: string[][] }> {
  const outcomes: number[][] = [];
  const texts: string[][] = [];
  for (const [i, prompt] of o.prompts.entries()) {
    const ids = tok.encode(`${prompt} `);
    const rows: number[][] = [];
    // Chunks keep the wasm heap small; row r of chunk c gets seed + 7919 (c * chunk + r), exactly
    // the stream it would get in one batch.
    for (let c = 0; c * SAMPLE_CHUNK < o.samplesPerPrompt; c++) {
      const n = Math.min(SAMPLE_CHUNK, o.samplesPerPrompt - c * SAMPLE_CHUNK);
      rows.push(...(await generate(Array.from({ length: n }, () => ids), {
        maxNewChars: o.maxNewChars, temperature: o.temperature, topK: o.topK, seed: o.seed + 100003 * i + 7919 * c * SAMPLE_CHUNK, stopIds: tok.encode('\n'),
      })));
    }
    const t = rows.map((r) => tok.decode(r).split('\n')[0]);
    texts.push(t);
    outcomes.push(t.map((x) => (scoreGenerations([x], isListed).toxicShare > 0 ? 1 : 0)));
  }
  return { outcomes, texts };
}

const BATCH_ROWS = 128;

/**
 * Continuations of every prompt, all prompts in batches of up to 128 rows per call (row-major:
 * prompt p, sample j is row p * samplesPerPrompt + j), so few samples per prompt still fill a batch.
 * Row i has the stream seed + 7919 i under every model (paired comparisons); texts end at the first
 * newline.
 */
export async function sampleTexts(
  generate: Generate,
  tok: CharTokenizer,
  o: { prompts: string[]; samplesPerPrompt: number; maxNewChars: number; temperature: number; topK: number; seed: number },
): Promise<string[][]> {
  const rows = o.prompts.flatMap((p) => Array.from({ length: o.samplesPerPrompt }, () => tok.encode(`${p} `)));
  const out: string[] = [];
  for (let r0 = 0; r0 < rows.length; r0 += BATCH_ROWS) {
    const ids = await generate(rows.slice(r0, r0 + BATCH_ROWS), { maxNewChars: o.maxNewChars, temperature: o.temperature, topK: o.topK, seed: o.seed + 7919 * r0, stopIds: tok.encode('\n') });
    out.push(...ids.map((r) => tok.decode(r).split('\n')[0]));
  }
  return o.prompts.map((_, p) => out.slice(p * o.samplesPerPrompt, (p + 1) * o.samplesPerPrompt));
}
