/**
 * Next-character logits (NextLogits for sampleChars) on onnxruntime, two ways:
 * - windowNextLogits, on the full-window graph (buildCharGptGraph): every step re-reads the last
 *   blockSize characters of each row;
 * - cachedNextLogits, on the incremental graph (buildCharGptStepGraph): every step runs one token
 *   per row against the cached keys and values. Exact up to float rounding: rows of different lengths
 *   are left-padded and the padding masked out, and once a row outgrows the context the window
 *   slides, which moves every position, so from then on each step goes to the full-window graph,
 *   as the uncached sampler does.
 * The runtime is injected as `run` functions, so whoever owns the sessions (and their queue) calls them.
 */
import type { NextLogits } from '../models/char-sampling';
import { CHAR_LOGITS_OUTPUT, type CharGptConfig, ONEHOT_INPUT, pastKeys, pastValues, presentKeys, presentValues, STEP_LOGITS, STEP_MASK, STEP_ONEHOT, STEP_POSITION } from '../models/char-gpt';
import type { WeightSet } from '../tensors/weight-set';
import type { OrtModule, OrtTensorLike } from './session';

export type RunGraph = (feeds: Record<string, OrtTensorLike>) => Promise<Record<string, OrtTensorLike>>;

/** `ws` null: the graphs hold the weights (built with `weights`), nothing to feed. */
function weightFeeds(ort: OrtModule, ws: WeightSet | null): Record<string, OrtTensorLike> {
  const feeds: Record<string, OrtTensorLike> = {};
  for (const [name, t] of Object.entries(ws?.tensors ?? {})) feeds[name] = new ort.Tensor('float32', t.data, t.shape);
  return feeds;
}

/** Logits (B, V) after the last blockSize ids of each row, right-padded to blockSize (the graph's fixed T). */
export function windowNextLogits(ort: OrtModule, run: RunGraph, ws: WeightSet | null, c: CharGptConfig): NextLogits {
  const { blockSize: T, vocabSize: V } = c, weights = weightFeeds(ort, ws);
  return async (seqs) => {
    const windows = seqs.map((s) => s.slice(-T)), B = windows.length;
    const onehot = new Float32Array(B * T * V);
    windows.forEach((w, b) => w.forEach((id, t) => (onehot[(b * T + t) * V + id] = 1)));
    const logits = (await run({ ...weights, [ONEHOT_INPUT]: new ort.Tensor('float32', onehot, [B, T, V]) }))[CHAR_LOGITS_OUTPUT].data as Float32Array; // (B, T, V)
    const out = new Float32Array(B * V);
    windows.forEach((w, b) => out.set(logits.subarray((b * T + w.length - 1) * V, (b * T + w.length) * V), b * V));
    return out;
  };
}

/** One per generation: it keeps that generation's cache. `runWindow` runs the full-window graph. */
export function cachedNextLogits(ort: OrtModule, run: RunGraph, runWindow: RunGraph, ws: WeightSet | null, c: CharGptConfig): NextLogits {
  const { vocabSize: V, blockSize, nHead: nh, nLayer } = c, hs = c.nEmbd / c.nHead;
  const weights = weightFeeds(ort, ws), fallback = windowNextLogits(ort, runWindow, ws, c);
  let cache: Record<string, OrtTensorLike> = {};
  let pads: number[] | null = null;
  let past = 0;
  let sliding = false;

  /** Runs token ids[b] at position positions[b] for every row b; returns logits (B, V). */
  async function step(ids: number[], positions: number[]): Promise<Float32Array> {
    const B = ids.length, onehot = new Float32Array(B * V), position = new Float32Array(B * blockSize);
    ids.forEach((id, b) => (onehot[b * V + id] = 1));
    positions.forEach((p, b) => (position[b * blockSize + p] = 1));
    const total = past + 1, mask = new Float32Array(B * nh * total); // (B*nh, 1, P+1): left padding is never attended to
    pads!.forEach((pad, b) => {
      for (let h = 0; h < nh; h++) mask.fill(-1e9, (b * nh + h) * total, (b * nh + h) * total + Math.min(pad, total));
    });
    const out = await run({
      ...weights,
      ...cache,
      [STEP_ONEHOT]: new ort.Tensor('float32', onehot, [B, V]),
      [STEP_POSITION]: new ort.Tensor('float32', position, [B, blockSize]),
      [STEP_MASK]: new ort.Tensor('float32', mask, [B * nh, 1, total]),
    });
    cache = {};
    for (let i = 0; i < nLayer; i++) {
      cache[pastKeys(i)] = out[presentKeys(i)];
      cache[pastValues(i)] = out[presentValues(i)];
    }
    past++;
    return out[STEP_LOGITS].data as Float32Array;
  }

  return async (seqs) => {
    if (sliding || seqs.some((s) => s.length > blockSize)) {
      sliding = true;
      return fallback(seqs);
    }
    if (pads === null) {
      // Prefill: the prompts, left-padded to one length, one position per step.
      const L = Math.max(...seqs.map((s) => s.length));
      pads = seqs.map((s) => L - s.length);
      const empty = new ort.Tensor('float32', new Float32Array(0), [seqs.length * nh, 0, hs]);
      for (let i = 0; i < nLayer; i++) cache[pastKeys(i)] = cache[pastValues(i)] = empty;
      let logits: Float32Array = new Float32Array(0);
      for (let j = 0; j < L; j++) {
        logits = await step(seqs.map((s, b) => (j < pads![b] ? 0 : s[j - pads![b]])), pads.map((pad) => Math.max(0, j - pad)));
      }
      return logits;
    }
    // One new token per row; rows that stopped growing run a placeholder nobody reads.
    return step(seqs.map((s) => s[s.length - 1]), seqs.map((s) => s.length - 1));
  };
}
