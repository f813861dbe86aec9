/**
 * The denoiser session: one velocity evaluation per call, queued. The runtime is injected (the
 * same OrtModule contract as session.ts), so this file imports no onnxruntime package.
 */
import { buildDitGraph, DEFAULT_DIT, DIT_ONEHOT, DIT_T, DIT_V, DIT_X, type DitConfig, ditPixels } from '../models/tiny-dit';
import type { WeightSet } from '../tensors/weight-set';
import type { OrtModule, OrtSessionLike, OrtTensorLike } from './session';

export class DitSession {
  private queue: Promise<unknown> = Promise.resolve();
  /** ORT tensors of the last weight set, rebuilt only when the WeightSet object changes. */
  private fed: { ws: WeightSet; feeds: Record<string, OrtTensorLike> } | null = null;

  private constructor(private readonly ort: OrtModule, private readonly session: OrtSessionLike, readonly config: DitConfig) {}

  static async create(ort: OrtModule, config: DitConfig = DEFAULT_DIT, options: Record<string, unknown> = {}): Promise<DitSession> {
    return new DitSession(ort, await ort.InferenceSession.create(buildDitGraph(config), options), config);
  }

  /** v(x, t, class) for `count` rows: x (count, 768), t (count), labels (count) with K = unconditional. */
  velocity(ws: WeightSet, x: Float32Array, t: Float32Array, labels: Int32Array): Promise<Float32Array> {
    const job = this.queue.then(() => this.runNow(ws, x, t, labels));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private async runNow(ws: WeightSet, x: Float32Array, t: Float32Array, labels: Int32Array): Promise<Float32Array> {
    const T = this.ort.Tensor, n = t.length, K1 = this.config.classes + 1;
    if (this.fed?.ws !== ws) {
      const feeds: Record<string, OrtTensorLike> = {};
      for (const [name, tensor] of Object.entries(ws.tensors)) feeds[name] = new T('float32', tensor.data, tensor.shape);
      this.fed = { ws, feeds };
    }
    const onehot = new Float32Array(n * K1);
    labels.forEach((l, i) => (onehot[i * K1 + l] = 1));
    const out = await this.session.run({
      ...this.fed.feeds,
      [DIT_X]: new T('float32', x, [n, ditPixels(this.config)]),
      [DIT_T]: new T('float32', t, [n]),
      [DIT_ONEHOT]: new T('float32', onehot, [n, K1]),
    });
    return out[DIT_V].data as Float32Array;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
