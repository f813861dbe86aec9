/**
 * Character generation with the char GPT graph on onnxruntime (runtime injected, as in session.ts).
 * The sampling loop is the one of lib/models/char-sampling.ts, as for the tfjs forward.
 */
import { buildCharGptGraph, type CharGptConfig } from '../models/char-gpt';
import { sampleChars, type SampleOptions } from '../models/char-sampling';
import type { WeightSet } from '../tensors/weight-set';
import { windowNextLogits } from './char-gpt-next-logits';
import type { OrtModule, OrtSessionLike, OrtTensorLike } from './session';

export class CharGptSession {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly ort: OrtModule, private readonly session: OrtSessionLike, readonly config: CharGptConfig) {}

  static async create(ort: OrtModule, config: CharGptConfig, options: Record<string, unknown> = {}): Promise<CharGptSession> {
    return new CharGptSession(ort, await ort.InferenceSession.create(buildCharGptGraph(config), options), config);
  }

  /** One graph run at a time. */
  private readonly run = (feeds: Record<string, OrtTensorLike>): Promise<Record<string, OrtTensorLike>> => {
    const job = this.queue.then(() => this.session.run(feeds));
    this.queue = job.catch(() => undefined);
    return job;
  };

  generate(ws: WeightSet, prompts: number[][], o: SampleOptions, shouldStop?: () => boolean): Promise<number[][]> {
    return sampleChars(windowNextLogits(this.ort, this.run, ws, this.config), prompts, this.config.vocabSize, o, shouldStop);
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
