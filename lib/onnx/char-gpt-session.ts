/**
 * Character generation with the char GPT graph on onnxruntime (runtime injected, as in session.ts).
 * The sampling loop is the one of lib/models/char-sampling.ts, as for the tfjs forward.
 */
import { buildCharGptGraph, CHAR_LOGITS_OUTPUT, type CharGptConfig, ONEHOT_INPUT } from '../models/char-gpt';
import { sampleChars, type SampleOptions } from '../models/char-sampling';
import type { WeightSet } from '../tensors/weight-set';
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

  generate(ws: WeightSet, prompts: number[][], o: SampleOptions, shouldStop?: () => boolean): Promise<number[][]> {
    const T = this.config.blockSize;
    return sampleChars((seqs) => this.lastLogits(ws, seqs.map((s) => s.slice(-T))), prompts, this.config.vocabSize, o, shouldStop);
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
