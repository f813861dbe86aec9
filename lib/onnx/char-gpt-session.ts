/**
 * Character generation with the char GPT graph; onnxruntime is reached only through
 * lib/runtime/ort-runtime.ts (injected, one queue for every session).
 * The sampling loop is the one of lib/models/char-sampling.ts, as for the tfjs forward.
 */
import { buildCharGptGraph, type CharGptConfig } from '../models/char-gpt';
import { sampleChars, type SampleOptions } from '../models/char-sampling';
import type { WeightSet } from '../tensors/weight-set';
import { windowNextLogits } from './char-gpt-next-logits';
import { OrtRuntime } from '../runtime/ort-runtime';
import type { OrtModule, OrtSessionLike } from '../runtime/ort-types';

export class CharGptSession {
  private constructor(private readonly rt: OrtRuntime, private readonly session: OrtSessionLike, readonly config: CharGptConfig) {}

  /** Opens the model on the runtime (a bare module gets its own runtime, with `options`). */
  static async create(ort: OrtRuntime | OrtModule, config: CharGptConfig, options: Record<string, unknown> = {}): Promise<CharGptSession> {
    const rt = OrtRuntime.of(ort, options);
    return new CharGptSession(rt, await rt.session(buildCharGptGraph(config)), config);
  }

  generate(ws: WeightSet, prompts: number[][], o: SampleOptions, shouldStop?: () => boolean): Promise<number[][]> {
    return sampleChars(windowNextLogits(this.rt.ort, this.session.run, ws, this.config), prompts, this.config.vocabSize, o, shouldStop);
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
