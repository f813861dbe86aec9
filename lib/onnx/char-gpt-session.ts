/**
 * Character generation with the char GPT graphs; onnxruntime is reached only through
 * lib/runtime/ort-runtime.ts (injected, one queue for every session).
 * On wasm, generation feeds the prompt in one run (a step graph for a whole context) and then runs
 * one token per step against the KV cache (buildCharGptStepGraph): the texts
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
    /** The prefill graph's (a whole context of tokens per row at once), opened on first use. */
    private prefill: Promise<OrtSessionLike> | null,
    readonly config: CharGptConfig,
    /** Whether generate uses the KV cache unless told otherwise: on every execution provider but WebGPU. */
    readonly cacheByDefault: boolean,
  ) {}

  /** Opens the model on the runtime (a bare module gets its own runtime, with `options`). */
  static async create(ort: OrtRuntime | OrtModule, config: CharGptConfig, options: Record<string, unknown> = {}): Promise<CharGptSession> {
    const rt = OrtRuntime.of(ort, options);
    const onGpu = ((rt.options.executionProviders ?? []) as string[]).includes('webgpu');
    return new CharGptSession(rt, await rt.session(buildCharGptGraph(config)), onGpu ? null : rt.session(buildCharGptStepGraph(config)), null, config, !onGpu);
  }

  /**
   * New ids per row; `cache: false` re-reads the whole window every step (the same texts). Steps run
   * with the weights fed: baking them into per-weight-set graphs (a session per edit) showed no clear
   * gain in Chromium when tried with npm run bench:char-gpt:browser on 2026-12-03.
   */
  async generate(ws: WeightSet, prompts: number[][], o: SampleOptions, shouldStop?: () => boolean, cache = this.cacheByDefault): Promise<number[][]> {
    const c = this.config;
    let next = windowNextLogits(this.rt.ort, this.window.run, ws, c);
    if (cache) {
      const step = await (this.step ??= this.rt.session(buildCharGptStepGraph(c)));
      const prefill = await (this.prefill ??= this.rt.session(buildCharGptStepGraph(c, undefined, c.blockSize)));
      next = cachedNextLogits(this.rt.ort, step.run, this.window.run, ws, c, { prefill: { run: prefill.run, tokens: c.blockSize } });
    }
    return sampleChars(next, prompts, c.vocabSize, o, shouldStop);
  }

  async release(): Promise<void> {
    await Promise.all([this.window.release(), this.step?.then((s) => s.release()), this.prefill?.then((s) => s.release())]);
  }
}
