/**
 * The denoiser session: one velocity evaluation per call. onnxruntime is reached only through
 * lib/runtime/ort-runtime.ts (injected, queued, weights wrapped once per weight set).
 */
import { buildDitGraph, DEFAULT_DIT, DIT_ONEHOT, DIT_T, DIT_V, DIT_X, type DitConfig, ditPixels } from '../models/tiny-dit';
import type { WeightSet } from '../tensors/weight-set';
import { OrtRuntime } from '../runtime/ort-runtime';
import type { OrtModule, OrtSessionLike } from '../runtime/ort-types';

export class DitSession {
  private constructor(private readonly rt: OrtRuntime, private readonly session: OrtSessionLike, readonly config: DitConfig) {}

  /** Opens the denoiser on the runtime (a bare module gets its own runtime, with `options`). */
  static async create(ort: OrtRuntime | OrtModule, config: DitConfig = DEFAULT_DIT, options: Record<string, unknown> = {}): Promise<DitSession> {
    const rt = OrtRuntime.of(ort, options);
    return new DitSession(rt, await rt.session(buildDitGraph(config)), config);
  }

  /** v(x, t, class) for `count` rows: x (count, 768), t (count), labels (count) with K = unconditional. */
  async velocity(ws: WeightSet, x: Float32Array, t: Float32Array, labels: Int32Array): Promise<Float32Array> {
    const n = t.length, K1 = this.config.classes + 1;
    const onehot = new Float32Array(n * K1);
    labels.forEach((l, i) => (onehot[i * K1 + l] = 1));
    const out = await this.session.run({
      ...this.rt.weights(ws),
      [DIT_X]: this.rt.tensor(x, [n, ditPixels(this.config)]),
      [DIT_T]: this.rt.tensor(t, [n]),
      [DIT_ONEHOT]: this.rt.tensor(onehot, [n, K1]),
    });
    return out[DIT_V].data as Float32Array;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
