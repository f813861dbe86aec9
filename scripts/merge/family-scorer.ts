/**
 * Node: scores encoders on the v3 families with onnxruntime-web (wasm, one thread). One forward of a
 * split's stacked images gives pooled features; each task's frozen head is applied in JS, so a merged
 * encoder costs one pass over all eight tasks' images.
 */
import * as ort from 'onnxruntime-web';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { concatSets, decodeImageSet, type ImageSet, PIXELS } from '../../lib/demos/merge/dataset/dataset';
import { DEFAULT_VIT } from '../../lib/models/vit';
import { type OrtModule, VitSession } from '../../lib/onnx/session';
import { readSafetensors } from '../../lib/tensors/safetensors';
import type { WeightSet } from '../../lib/tensors/weight-set';
import type { FamilyName } from './data-recipe';

import { CKPT_DIR } from './train-config';

export { CKPT_DIR };

export interface V3Family {
  name: FamilyName;
  tasks: string[];
  base: WeightSet;
  heads: WeightSet[];
  /** Planted family: the adaptation stage every fine-tune started from (its change is the planted common part). */
  common: WeightSet | null;
  /** seeds[s][t]: the fine-tuned encoder of task t, seed s (only seeds with all tasks done). */
  seeds: { seed: number; encoders: WeightSet[] }[];
}

const read = (file: string) => readSafetensors(readFileSync(join(CKPT_DIR, file)));

export function loadV3Family(name: FamilyName, tasks: string[], seeds = [0, 1, 2]): V3Family {
  const done = seeds.filter((s) => tasks.every((t) => existsSync(join(CKPT_DIR, `ft-${name}-s${s}-${t}.safetensors`))));
  return {
    name, tasks,
    base: read('base.safetensors'),
    heads: tasks.map((t) => read(`head-${t}.safetensors`)),
    common: name === 'planted' && existsSync(join(CKPT_DIR, 'stage.safetensors')) ? read('stage.safetensors') : null,
    seeds: done.map((seed) => ({ seed, encoders: tasks.map((t) => read(`ft-${name}-s${seed}-${t}.safetensors`)) })),
  };
}

export function loadSplitSets(family: FamilyName, tasks: string[], split: 'val' | 'test', limit = Infinity): ImageSet[] {
  return tasks.map((t) => {
    const s = decodeImageSet(new Uint8Array(readFileSync(join('data/merge', family, `${t}-${split}.bin`))));
    const n = Math.min(limit, s.count);
    return { count: n, images: s.images.subarray(0, n * PIXELS), labels: s.labels.subarray(0, n) };
  });
}

function headPredict(features: Float32Array, row: number, head: WeightSet, C: number): number {
  const W = head.tensors['head.weight'].data, b = head.tensors['head.bias'].data;
  let best = 0, bestV = -Infinity;
  for (let k = 0; k < b.length; k++) {
    let v = b[k];
    for (let c = 0; c < C; c++) v += W[k * C + c] * features[row * C + c];
    if (v > bestV) { bestV = v; best = k; }
  }
  return best;
}

export class FamilyScorer {
  private constructor(private readonly session: VitSession) {}

  static async create(): Promise<FamilyScorer> {
    return new FamilyScorer(await VitSession.create(ort as unknown as OrtModule, DEFAULT_VIT, { intraOpNumThreads: 1, interOpNumThreads: 1 }));
  }

  /** Pooled features of every image of a set under `encoder`, (N, C). */
  async features(encoder: WeightSet, set: ImageSet, dummyHead: WeightSet, batch = 500): Promise<Float32Array> {
    const C = DEFAULT_VIT.width, out = new Float32Array(set.count * C);
    for (let s = 0; s < set.count; s += batch) {
      const n = Math.min(batch, set.count - s);
      const x = new Float32Array(n * PIXELS);
      const src = set.images.subarray(s * PIXELS, (s + n) * PIXELS);
      for (let i = 0; i < x.length; i++) x[i] = src[i] / 255;
      out.set((await this.session.run(x, n, encoder, dummyHead)).features, s * C);
    }
    return out;
  }

  /** Correct flags per task for ONE encoder shared by all tasks (base, or a merge). */
  async shared(encoder: WeightSet, sets: ImageSet[], heads: WeightSet[]): Promise<Uint8Array[]> {
    const all = concatSets(sets);
    const f = await this.features(encoder, all, heads[0]);
    const C = DEFAULT_VIT.width;
    let o = 0;
    return sets.map((set, t) => {
      const flags = Uint8Array.from({ length: set.count }, (_, i) => (headPredict(f, o + i, heads[t], C) === set.labels[i] ? 1 : 0));
      o += set.count;
      return flags;
    });
  }

  /** Correct flags per task with a different encoder per task (the individual fine-tunes). */
  async perTask(encoders: WeightSet[], sets: ImageSet[], heads: WeightSet[]): Promise<Uint8Array[]> {
    const out: Uint8Array[] = [];
    for (const [t, set] of sets.entries()) {
      const f = await this.features(encoders[t], set, heads[t]);
      out.push(Uint8Array.from({ length: set.count }, (_, i) => (headPredict(f, i, heads[t], DEFAULT_VIT.width) === set.labels[i] ? 1 : 0)));
    }
    return out;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

export const accuracyOf = (flags: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < flags.length; i++) s += flags[i];
  return s / Math.max(1, flags.length);
};
