/**
 * Next-character logits (NextLogits for sampleChars) on onnxruntime, two ways:
 * - windowNextLogits, on the full-window graph (buildCharGptGraph): every step re-reads the last
 *   blockSize characters of each row;
 * - cachedNextLogits, on the incremental graph (buildCharGptStepGraph): every step runs one token
 *   per row against the cached keys and values (the prompt goes in at once with a prefill graph). Exact up to float rounding: rows of different lengths
 *   are left-padded and the padding masked out, and once a row outgrows the context the window
 *   slides, which moves every position, so from then on each step goes to the full-window graph,
 *   as the uncached sampler does; or, as an opt-in that changes the texts, the row's cache restarts
 *   from its last characters (CacheOptions.restartKeep).
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

export interface CacheOptions {
  /**
   * What happens once a row outgrows the context. Unset: every step from then on runs the full
   * window (exact: the texts of the uncached sampler). A number k: that row's cache restarts from its
   * last k characters at positions 0..k-1, so every step stays one token; the model then sees the
   * contexts of restartContext instead of a sliding window, and the texts change.
   */
  restartKeep?: number;
  /**
   * A step graph built for `tokens` new tokens per row (buildCharGptStepGraph(c, w, tokens)): prompts
   * of up to that length go in with one run, left-padded to it, instead of one run per character.
   * The texts stay those of the full window (up to float rounding).
   */
  prefill?: { run: RunGraph; tokens: number };
}

/** Characters the model sees after a row of length L under restartKeep = keep: L, then keep..blockSize, again and again. */
export const restartContext = (L: number, blockSize: number, keep: number): number =>
  L <= blockSize ? L : keep + ((L - blockSize - 1) % (blockSize - keep + 1));

/** A batch's cache: each layer's keys and values (B*nh, P, hs), each row's left padding, and P. */
interface CacheState {
  tensors: Record<string, OrtTensorLike>;
  pads: number[];
  past: number;
}

/** One per generation: it keeps that generation's cache. `runWindow` runs the full-window graph. */
export function cachedNextLogits(ort: OrtModule, run: RunGraph, runWindow: RunGraph, ws: WeightSet | null, c: CharGptConfig, options: CacheOptions = {}): NextLogits {
  const { vocabSize: V, blockSize, nHead: nh, nLayer } = c, hs = c.nEmbd / c.nHead, keep = options.restartKeep;
  const weights = weightFeeds(ort, ws), fallback = windowNextLogits(ort, runWindow, ws, c);
  let state: CacheState | null = null;
  /** Characters dropped from the front of each row by restarts. */
  let dropped: number[] = [];
  let sliding = false;

  /** Runs token ids[b] at position positions[b] for every row b of `s`; returns logits (B, V). */
  async function step(s: CacheState, ids: number[], positions: number[]): Promise<Float32Array> {
    const B = ids.length, onehot = new Float32Array(B * V), position = new Float32Array(B * blockSize);
    ids.forEach((id, b) => (onehot[b * V + id] = 1));
    positions.forEach((p, b) => (position[b * blockSize + p] = 1));
    const total = s.past + 1, mask = new Float32Array(B * nh * total); // (B*nh, 1, P+1): left padding is never attended to
    s.pads.forEach((pad, b) => {
      for (let h = 0; h < nh; h++) mask.fill(-1e9, (b * nh + h) * total, (b * nh + h) * total + Math.min(pad, total));
    });
    const out = await run({
      ...weights,
      ...s.tensors,
      [STEP_ONEHOT]: new ort.Tensor('float32', onehot, [B, V]),
      [STEP_POSITION]: new ort.Tensor('float32', position, [B, blockSize]),
      [STEP_MASK]: new ort.Tensor('float32', mask, [B * nh, 1, total]),
    });
    for (let i = 0; i < nLayer; i++) {
      s.tensors[pastKeys(i)] = out[presentKeys(i)];
      s.tensors[pastValues(i)] = out[presentValues(i)];
    }
    s.past++;
    return Float32Array.from(out[STEP_LOGITS].data as Float32Array);
  }

  /** A new cache for `seqs`, left-padded to one length, and the logits after each row's last character. */
  async function prefill(seqs: number[][]): Promise<{ s: CacheState; logits: Float32Array }> {
    const L = Math.max(...seqs.map((q) => q.length)), empty = new ort.Tensor('float32', new Float32Array(0), [seqs.length * nh, 0, hs]);
    const wide = options.prefill && L <= options.prefill.tokens ? options.prefill : null;
    const S = wide ? wide.tokens : L; // padded length
    const s: CacheState = { tensors: {}, pads: seqs.map((q) => S - q.length), past: 0 };
    for (let i = 0; i < nLayer; i++) s.tensors[pastKeys(i)] = s.tensors[pastValues(i)] = empty;
    if (wide) return { s, logits: await block(s, seqs, wide.run, S) };
    let logits: Float32Array = new Float32Array(0);
    for (let j = 0; j < L; j++) logits = await step(s, seqs.map((q, b) => (j < s.pads[b] ? 0 : q[j - s.pads[b]])), s.pads.map((pad) => Math.max(0, j - pad)));
    return { s, logits };
  }

  /** Runs all S (left-padded) tokens of each row of an empty cache at once; returns each row's last logits (B, V). */
  async function block(s: CacheState, seqs: number[][], runBlock: RunGraph, S: number): Promise<Float32Array> {
    const B = seqs.length, onehot = new Float32Array(B * S * V), position = new Float32Array(B * S * blockSize), mask = new Float32Array(B * nh * S * S);
    seqs.forEach((q, b) => {
      const pad = s.pads[b];
      for (let t = 0; t < S; t++) {
        onehot[(b * S + t) * V + (t < pad ? 0 : q[t - pad])] = 1;
        position[(b * S + t) * blockSize + Math.max(0, t - pad)] = 1;
        // Query t sees keys pad..t; a padding query sees nothing real and is never read.
        for (let h = 0; h < nh; h++) for (let j = 0; j < S; j++) if (j > t || j < pad) mask[((b * nh + h) * S + t) * S + j] = -1e9;
      }
    });
    const out = await runBlock({
      ...weights,
      ...s.tensors,
      [STEP_ONEHOT]: new ort.Tensor('float32', onehot, [B * S, V]),
      [STEP_POSITION]: new ort.Tensor('float32', position, [B * S, blockSize]),
      [STEP_MASK]: new ort.Tensor('float32', mask, [B * nh, S, S]),
    });
    for (let i = 0; i < nLayer; i++) {
      s.tensors[pastKeys(i)] = out[presentKeys(i)];
      s.tensors[pastValues(i)] = out[presentValues(i)];
    }
    s.past = S;
    const all = out[STEP_LOGITS].data as Float32Array, logits = new Float32Array(B * V); // (B*S, V) -> each row's position S-1
    for (let b = 0; b < B; b++) logits.set(all.subarray((b * S + S - 1) * V, (b * S + S) * V), b * V);
    return logits;
  }

  /** Puts a one-row cache in place of row b of `s`, left-padded to the batch's length. */
  function splice(s: CacheState, b: number, row: CacheState): void {
    const P = s.past, k = row.past, B = s.pads.length;
    for (const [name, t] of Object.entries(s.tensors)) {
      const data = Float32Array.from(t.data as Float32Array), small = row.tensors[name].data as Float32Array;
      for (let h = 0; h < nh; h++) {
        const at = (b * nh + h) * P * hs;
        data.fill(0, at, at + (P - k) * hs);
        data.set(small.subarray(h * k * hs, (h + 1) * k * hs), at + (P - k) * hs);
      }
      s.tensors[name] = new ort.Tensor('float32', data, [B * nh, P, hs]);
    }
    s.pads[b] = P - k + row.pads[0];
  }

  return async (seqs) => {
    if (sliding) return fallback(seqs);
    if (state === null) {
      if (keep === undefined && seqs.some((q) => q.length > blockSize)) {
        sliding = true;
        return fallback(seqs);
      }
      const contexts = seqs.map((q) => q.slice(-(keep === undefined ? q.length : restartContext(q.length, blockSize, keep))));
      dropped = seqs.map((q, b) => q.length - contexts[b].length);
      const first = await prefill(contexts);
      state = first.s;
      return first.logits;
    }
    const over = seqs.map((q, b) => q.length - dropped[b] > blockSize);
    if (keep === undefined && over.some(Boolean)) {
      sliding = true;
      return fallback(seqs);
    }
    // One new token per row; rows that stopped growing, or restart below, run a placeholder nobody reads.
    const s = state;
    const logits = await step(s, seqs.map((q) => q[q.length - 1]), seqs.map((q, b) => (over[b] ? 0 : q.length - 1 - dropped[b])));
    for (let b = 0; b < seqs.length; b++) {
      if (!over[b] || keep === undefined) continue;
      dropped[b] = seqs[b].length - keep;
      const row = await prefill([seqs[b].slice(-keep)]);
      splice(s, b, row.s);
      logits.set(row.logits, b * V);
    }
    return logits;
  };
}
