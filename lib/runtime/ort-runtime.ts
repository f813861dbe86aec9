/**
 * The one owner of onnxruntime in the engine. The runtime itself is injected (the worker passes
 * the onnxruntime-web build the chosen execution provider needs; Node scripts pass theirs), so
 * lib/ imports no onnxruntime package. Every session's runs go through one queue (one run at a
 * time: ORT's wasm backend and the GPU device are shared), and weight tensors are wrapped once
 * per WeightSet and reused while that set is unchanged.
 */
import type { WeightSet } from '../tensors/weight-set';
import type { OrtModule, OrtSessionLike, OrtTensorLike } from './ort-types';
import { type OrtBuild, type OrtChoice, ortSessionOptions } from './resolve-ort';

export class OrtRuntime {
  private queue: Promise<unknown> = Promise.resolve();
  /** Per WeightSet, its tensors as ORT tensors; an entry is reused while it wraps the same data array. */
  private fed = new WeakMap<WeightSet, Map<string, { data: Float32Array; ort: OrtTensorLike }>>();

  constructor(
    /** The injected module, for code that builds its own feeds (e.g. a KV cache between runs). */
    readonly ort: OrtModule,
    readonly options: Record<string, unknown> = {},
  ) {}

  /** A runtime as given, or a private one around a bare module (tests and scripts that make one session). */
  static of(x: OrtRuntime | OrtModule, options: Record<string, unknown> = {}): OrtRuntime {
    return x instanceof OrtRuntime ? x : new OrtRuntime(x, options);
  }

  /** Opens a session on `model` whose runs are queued with every other session of this runtime. */
  async session(model: Uint8Array): Promise<OrtSessionLike> {
    const s = await this.ort.InferenceSession.create(model, this.options);
    return { run: (feeds) => this.enqueue(() => s.run(feeds)), release: () => s.release() };
  }

  tensor(data: Float32Array, dims: readonly number[]): OrtTensorLike {
    return new this.ort.Tensor('float32', data, dims);
  }

  /** The named tensors of `ws` (all by default) as feeds, wrapped once and reused while unchanged. */
  weights(ws: WeightSet, names: readonly string[] = Object.keys(ws.tensors)): Record<string, OrtTensorLike> {
    let cache = this.fed.get(ws);
    if (!cache) this.fed.set(ws, (cache = new Map()));
    const feeds: Record<string, OrtTensorLike> = {};
    for (const name of names) {
      const src = ws.tensors[name];
      if (!src) throw new Error(`the weights lack "${name}"`);
      let hit = cache.get(name);
      if (hit?.data !== src.data) cache.set(name, (hit = { data: src.data, ort: this.tensor(src.data, src.shape) }));
      feeds[name] = hit.ort;
    }
    return feeds;
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** Loads the build `choice` needs through the injected importer and opens the runtime on it. */
export async function openOrtRuntime(choice: OrtChoice, importOrt: (build: OrtBuild) => Promise<OrtModule>): Promise<OrtRuntime> {
  const ort = await importOrt(choice.build);
  if (ort.env?.wasm) ort.env.wasm.numThreads = choice.threads;
  return new OrtRuntime(ort, ortSessionOptions(choice));
}
