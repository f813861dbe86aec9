/**
 * Character generation with the char GPT graph on onnxruntime (runtime injected, as in session.ts).
 * The sampling loop mirrors lib/models/char-gpt.ts generateBatch: per-row seeded PRNGs, so a row's
 * text depends only on its prompt, the seed and the weights.
 */
import { type CharGptConfig, sampleRow, type SampleOptions } from '../models/char-gpt';
import { seededRandom } from '../detox/seeded-random';
import type { WeightSet } from '../tensors/weight-set';
import { buildCharGptGraph, CHAR_LOGITS_OUTPUT, ONEHOT_INPUT } from './char-gpt-graph';
import type { OrtModule, OrtSessionLike, OrtTensorLike } from './session';

export class CharGptSession {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly ort: OrtModule, private readonly session: OrtSessionLike, readonly config: CharGptConfig) {}

  static async create(ort: OrtModule, config: CharGptConfig, options: Record<string, unknown> = {}): Promise<CharGptSession> {
    return new CharGptSession(ort, await ort.InferenceSession.create(buildCharGptGraph(config), options), config);
  }

  /** Next-character logits (B, V) at the last position of each window (windows right-padded to T). */
  private async lastLogits(ws: WeightSet, windows: number[][]): Promise<Float32Array> {
    const { blockSize: T, vocabSize: V } = this.config;
    const B = windows.length;
    const onehot = new Float32Array(B * T * V);
    windows.forEach((w, b) => w.forEach((id, t) => (onehot[(b * T + t) * V + id] = 1)));
    const feeds: Record<string, OrtTensorLike> = { [ONEHOT_INPUT]: new this.ort.Tensor('float32', onehot, [B, T, V]) };
    for (const [name, t] of Object.entries(ws.tensors)) feeds[name] = new this.ort.Tensor('float32', t.data, t.shape);
    const job = this.queue.then(() => this.session.run(feeds));
    this.queue = job.catch(() => undefined);
    const logits = (await job)[CHAR_LOGITS_OUTPUT].data as Float32Array; // (B, T, V)
    const out = new Float32Array(B * V);
    windows.forEach((w, b) => out.set(logits.subarray((b * T + w.length - 1) * V, (b * T + w.length) * V), b * V));
    return out;
  }

  async generate(ws: WeightSet, prompts: number[][], o: SampleOptions, shouldStop?: () => boolean): Promise<number[][]> {
    const { blockSize: T, vocabSize: V } = this.config;
    const seqs = prompts.map((s) => s.slice());
    const out: number[][] = prompts.map(() => []);
    const done = prompts.map(() => false);
    const rands = prompts.map((_, r) => seededRandom(o.seed + r * 7919));
    for (let step = 0; step < o.maxNewChars && done.some((d) => !d); step++) {
      if (shouldStop?.()) break;
      const logits = await this.lastLogits(ws, seqs.map((s) => s.slice(-T)));
      for (let r = 0; r < seqs.length; r++) {
        if (done[r]) continue;
        const id = sampleRow(logits.subarray(r * V, (r + 1) * V), o, rands[r]);
        seqs[r].push(id);
        out[r].push(id);
        o.onToken?.(r, id);
        if (o.stopIds?.includes(id)) done[r] = true;
      }
    }
    return out;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
