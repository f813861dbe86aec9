/**
 * Character generation with the char GPT graphs; onnxruntime is reached only through
 * lib/runtime/ort-runtime.ts (injected, one queue for every session).
 * On wasm, generation runs one token per step against a KV cache (buildCharGptStepGraph): the texts
 * are those of the full-window sampler (the cache falls back to the full window once a row outgrows
 * the context, see cachedNextLogits). On WebGPU every step is a round of small kernels plus a
 * download of the cache, and the prompt goes in one token per step, so there the full window is the
 * faster choice (with the cache, the /detox e2e run on SwiftShader did not finish 4 x 8 characters in
 * 170 s). The sampling loop is the one of lib/models/char-sampling.ts, as for
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
    /** The one-token graph's session, opened on first use. */
    private step: Promise<OrtSessionLike> | null,
    readonly config: CharGptConfig,
    /** Whether generate uses the KV cache unless told otherwise: on every execution provider but WebGPU. */
    readonly cacheByDefault: boolean,
  ) {}

  /** Opens the model on the runtime (a bare module gets its own runtime, with `options`). */
  static async create(ort: OrtRuntime | OrtModule, config: CharGptConfig, options: Record<string, unknown> = {}): Promise<CharGptSession> {
    const rt = OrtRuntime.of(ort, options);
    const onGpu = ((rt.options.executionProviders ?? []) as string[]).includes('webgpu');
    return new CharGptSession(rt, await rt.session(buildCharGptGraph(config)), onGpu ? null : rt.session(buildCharGptStepGraph(config)), config, !onGpu);
  }

  /** New ids per row; `cache: false` re-reads the whole window every step (same texts). */
  async generate(ws: WeightSet, prompts: number[][], o: SampleOptions, shouldStop?: () => boolean, cache = this.cacheByDefault): Promise<number[][]> {
    let next = windowNextLogits(this.rt.ort, this.window.run, ws, this.config);
    if (cache) {
      const step = await (this.step ??= this.rt.session(buildCharGptStepGraph(this.config)));
      next = cachedNextLogits(this.rt.ort, step.run, this.window.run, ws, this.config);
    }
    return sampleChars(next, prompts, this.config.vocabSize, o, shouldStop);
  }

  async release(): Promise<void> {
    await Promise.all([this.window.release(), this.step?.then((s) => s.release())]);
  }
}
