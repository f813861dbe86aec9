/**
 * Character generation with the char GPT graphs; onnxruntime is reached only through
 * lib/runtime/ort-runtime.ts (injected, one queue for every session).
 * Generation runs one token per step against a KV cache (buildCharGptStepGraph): the texts are those
 * of the full-window sampler (the cache falls back to the full window once a row outgrows the
 * context, see cachedNextLogits). The sampling loop is the one of lib/models/char-sampling.ts, as for
 * the tfjs forward.
 */
import { buildCharGptGraph, buildCharGptStepGraph, type CharGptConfig } from '../models/char-gpt';
import { sampleChars, type SampleOptions } from '../models/char-sampling';
import type { WeightSet } from '../tensors/weight-set';
import { cachedNextLogits, windowNextLogits } from './char-gpt-next-logits';
import { OrtRuntime } from '../runtime/ort-runtime';
import type { OrtModule, OrtSessionLike } from '../runtime/ort-types';

export class CharGptSession {
  private constructor(
    private readonly rt: OrtRuntime,
    private readonly window: OrtSessionLike,
    private readonly step: OrtSessionLike,
    readonly config: CharGptConfig,
  ) {}

  /** Opens the model on the runtime (a bare module gets its own runtime, with `options`). */
  static async create(ort: OrtRuntime | OrtModule, config: CharGptConfig, options: Record<string, unknown> = {}): Promise<CharGptSession> {
    const rt = OrtRuntime.of(ort, options);
    return new CharGptSession(rt, await rt.session(buildCharGptGraph(config)), await rt.session(buildCharGptStepGraph(config)), config);
  }

  /** New ids per row; `cache: false` re-reads the whole window every step (same texts, slower). */
  generate(ws: WeightSet, prompts: number[][], o: SampleOptions, shouldStop?: () => boolean, cache = true): Promise<number[][]> {
    const next = cache ? cachedNextLogits(this.rt.ort, this.step.run, this.window.run, ws, this.config) : windowNextLogits(this.rt.ort, this.window.run, ws, this.config);
    return sampleChars(next, prompts, this.config.vocabSize, o, shouldStop);
  }

  async release(): Promise<void> {
    await Promise.all([this.window.release(), this.step.release()]);
  }
}
