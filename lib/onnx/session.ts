/**
 * The ViT classifier session. onnxruntime is reached only through lib/runtime/ort-runtime.ts
 * (injected, queued, weights wrapped once per weight set).
 */
import { type ImageSet, PIXELS } from '../tensors/image-set';
import { buildVitGraph, DEFAULT_VIT, FEATURES_OUTPUT, IMAGES_INPUT, LOGITS_OUTPUT, type VitConfig } from '../models/vit';
import type { WeightSet } from '../tensors/weight-set';
import { OrtRuntime } from '../runtime/ort-runtime';
import type { OrtModule, OrtSessionLike } from '../runtime/ort-types';

export type { OrtModule, OrtSessionLike, OrtTensorLike } from '../runtime/ort-types';

export interface ClassifierOutput {
  /** (count, K) row-major. */
  logits: Float32Array;
  /** (count, C) row-major. */
  features: Float32Array;
  classes: number;
}

/** Fraction of a set's labels that `pred` matches. */
export function fractionCorrect(pred: Uint8Array, set: ImageSet): number {
  let correct = 0;
  for (let i = 0; i < set.count; i++) correct += pred[i] === set.labels[i] ? 1 : 0;
  return correct / set.count;
}

export class VitSession {
  private constructor(private readonly rt: OrtRuntime, private readonly session: OrtSessionLike, readonly config: VitConfig) {}

  /**
   * Builds the graph for `config` and opens a session on the runtime (a bare module gets its own
   * runtime, with `options` for InferenceSession.create).
   */
  static async create(ort: OrtRuntime | OrtModule, config: VitConfig = DEFAULT_VIT, options: Record<string, unknown> = {}): Promise<VitSession> {
    const rt = OrtRuntime.of(ort, options);
    return new VitSession(rt, await rt.session(buildVitGraph(config)), config);
  }

  /** Forward `count` images (count*784 floats in [0, 1]) through `encoder` + `head`. */
  async run(images: Float32Array, count: number, encoder: WeightSet, head: WeightSet): Promise<ClassifierOutput> {
    const out = await this.session.run({
      [IMAGES_INPUT]: this.rt.tensor(images.subarray(0, count * PIXELS), [count, PIXELS]),
      ...this.rt.weights(encoder),
      ...this.rt.weights(head, ['head.weight', 'head.bias']),
    });
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
    return fractionCorrect(await this.predict(set, encoder, head), set);
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
