/**
 * Autoregressive character sampling, written once for every runtime: a `NextLogits` function (tfjs
 * forward, an onnxruntime session, or one with a KV cache) gives next-character logits and this
 * loop picks characters. Row r draws from its own mulberry32 stream (seed + 7919 r), so a row's text
 * depends only on its prompt, the seed and the weights, never on the rest of the batch.
 */
import { mulberry32 } from '../util/random';

export interface SampleOptions {
  maxNewChars: number;
  /** 0 means greedy. */
  temperature: number;
  topK: number;
  seed: number;
  /** Stop a row once it emits one of these token ids (e.g. newline). */
  stopIds?: number[];
  /** Called with (row, token id) as each character is sampled, for streaming. */
  onToken?: (row: number, id: number) => void;
}

/**
 * Next-character logits (B, V), row-major, after the whole of each sequence. Called once per step
 * with every row; rows that are done no longer grow and their logits are ignored.
 */
export type NextLogits = (seqs: readonly number[][]) => Promise<Float32Array>;

/** Top-k sampling at a temperature from one row of logits; greedy at temperature 0. */
export function sampleRow(logits: Float32Array, o: SampleOptions, rand: () => number): number {
  if (o.temperature <= 0) return logits.indexOf(Math.max(...logits));
  const order = Array.from(logits.keys()).sort((a, b) => logits[b] - logits[a]).slice(0, Math.max(1, o.topK));
  const max = logits[order[0]];
  const weights = order.map((i) => Math.exp((logits[i] - max) / o.temperature));
  let r = rand() * weights.reduce((a, b) => a + b, 0);
  for (let j = 0; j < order.length; j++) if ((r -= weights[j]) <= 0) return order[j];
  return order[order.length - 1];
}

/** Samples up to maxNewChars characters after each prompt; returns the new ids per row. */
export async function sampleChars(next: NextLogits, prompts: number[][], vocabSize: number, o: SampleOptions, shouldStop?: () => boolean): Promise<number[][]> {
  const seqs = prompts.map((s) => s.slice());
  const out: number[][] = prompts.map(() => []);
  const done = prompts.map(() => false);
  const rands = prompts.map((_, r) => mulberry32(o.seed + r * 7919));
  for (let step = 0; step < o.maxNewChars && done.some((d) => !d); step++) {
    if (shouldStop?.()) break;
    const logits = await next(seqs); // (B, V)
    for (let r = 0; r < seqs.length; r++) {
      if (done[r]) continue;
      const id = sampleRow(logits.subarray(r * vocabSize, (r + 1) * vocabSize), o, rands[r]);
      seqs[r].push(id);
      out[r].push(id);
      o.onToken?.(r, id);
      if (o.stopIds?.includes(id)) done[r] = true;
    }
  }
  return out;
}
