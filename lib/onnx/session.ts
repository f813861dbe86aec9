/**
 * The one module that talks to onnxruntime. The runtime is injected (onnxruntime-web in the
 * browser, onnxruntime-web on wasm in Node too) so lib/ never imports a specific one. Runs are queued:
 * one session, one run at a time.
 */
import { type ImageSet, PIXELS } from '../datasets/merge/dataset';
import { buildVitGraph, DEFAULT_VIT, FEATURES_OUTPUT, IMAGES_INPUT, LOGITS_OUTPUT, type VitConfig } from '../models/vit';
import type { WeightSet } from '../tensors/weight-set';

/** The slice of the onnxruntime API this module uses (both ort-web and ort-node satisfy it). */
export interface OrtTensorLike {
  readonly data: unknown;
  readonly dims: readonly number[];
}
export interface OrtSessionLike {
  run(feeds: Record<string, OrtTensorLike>): Promise<Record<string, OrtTensorLike>>;
  release(): Promise<void>;
}
export interface OrtModule {
  InferenceSession: { create(model: Uint8Array, options?: Record<string, unknown>): Promise<OrtSessionLike> };
  Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => OrtTensorLike;
}

export interface ClassifierOutput {
  /** (count, K) row-major. */
  logits: Float32Array;
  /** (count, C) row-major. */
  features: Float32Array;
  classes: number;
}

export class VitSession {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly ort: OrtModule, private readonly session: OrtSessionLike, readonly config: VitConfig) {}

  /** Builds the graph for `config` and opens a session; `options` go to InferenceSession.create (e.g. executionProviders). */
  static async create(ort: OrtModule, config: VitConfig = DEFAULT_VIT, options: Record<string, unknown> = {}): Promise<VitSession> {
    const session = await ort.InferenceSession.create(buildVitGraph(config), options);
    return new VitSession(ort, session, config);
  }

  /** Forward `count` images (count*784 floats in [0, 1]) through `encoder` + `head`. */
  run(images: Float32Array, count: number, encoder: WeightSet, head: WeightSet): Promise<ClassifierOutput> {
    const job = this.queue.then(() => this.runNow(images, count, encoder, head));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private async runNow(images: Float32Array, count: number, encoder: WeightSet, head: WeightSet): Promise<ClassifierOutput> {
    const T = this.ort.Tensor;
    const feeds: Record<string, OrtTensorLike> = { [IMAGES_INPUT]: new T('float32', images.subarray(0, count * PIXELS), [count, PIXELS]) };
    for (const [name, t] of Object.entries(encoder.tensors)) feeds[name] = new T('float32', t.data, t.shape);
    for (const name of ['head.weight', 'head.bias']) {
      const t = head.tensors[name];
      if (!t) throw new Error(`head lacks "${name}"`);
      feeds[name] = new T('float32', t.data, t.shape);
    }
    const out = await this.session.run(feeds);
    const classes = head.tensors['head.bias'].shape[0];
    return { logits: out[LOGITS_OUTPUT].data as Float32Array, features: out[FEATURES_OUTPUT].data as Float32Array, classes };
  }

  /** Predicted class per image of a set, batch by batch. */
  async predict(set: ImageSet, encoder: WeightSet, head: WeightSet, batch = 256): Promise<Uint8Array> {
    const pred = new Uint8Array(set.count);
    for (let s = 0; s < set.count; s += batch) {
      const n = Math.min(batch, set.count - s);
      const x = new Float32Array(n * PIXELS);
      const src = set.images.subarray(s * PIXELS, (s + n) * PIXELS);
      for (let i = 0; i < x.length; i++) x[i] = src[i] / 255;
      const { logits, classes } = await this.run(x, n, encoder, head);
      for (let r = 0; r < n; r++) {
        let best = 0;
        for (let k = 1; k < classes; k++) if (logits[r * classes + k] > logits[r * classes + best]) best = k;
        pred[s + r] = best;
      }
    }
    return pred;
  }

  /** Fraction of a set classified correctly. */
  async accuracy(set: ImageSet, encoder: WeightSet, head: WeightSet): Promise<number> {
    const pred = await this.predict(set, encoder, head);
    let correct = 0;
    for (let i = 0; i < set.count; i++) correct += pred[i] === set.labels[i] ? 1 : 0;
    return correct / set.count;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
