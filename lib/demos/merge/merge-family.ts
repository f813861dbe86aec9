/** The merge demo's model folder (public/models/merge): its manifest schema and the loader. Pure TypeScript. */
import { z } from 'zod';
import { type FetchLike, openModelFolder } from '../../manifest/load-manifest';
import { manifestSchema } from '../../manifest/manifest-schema';
import type { VitConfig } from '../../models/vit';
import { readSafetensors } from '../../tensors/safetensors';
import type { WeightSet } from '../../tensors/weight-set';

const splitAccuracy = z.object({ val: z.number(), test: z.number() });
export type SplitAccuracy = z.output<typeof splitAccuracy>;

const vitArchitecture = z.looseObject({
  family: z.literal('vit'),
  imageSize: z.number().int(),
  patchSize: z.number().int(),
  width: z.number().int(),
  depth: z.number().int(),
  heads: z.number().int(),
  mlpRatio: z.number(),
  lnEps: z.number(),
});

export const mergeManifestSchema = manifestSchema.extend({
  format: z.literal('task-vector-lab/merge-family@1'),
  architecture: vitArchitecture,
  dtype: z.literal('F16'),
  base: z.string(),
  heads: z.string(),
  headNaming: z.string(),
  pretraining: z.looseObject({ task: z.string(), classes: z.array(z.string()), images: z.number() }),
  tasks: z.array(z.looseObject({
    name: z.string(),
    title: z.string(),
    classes: z.array(z.string()),
    encoder: z.string(),
    accuracy: z.object({ baseHead: splitAccuracy, finetune: splitAccuracy }),
  })),
  data: z.record(z.string(), z.unknown()),
  training: z.record(z.string(), z.unknown()),
});

export type MergeManifest = z.output<typeof mergeManifestSchema> & { architecture: { family: 'vit' } & VitConfig };

export interface MergeFamily {
  manifest: MergeManifest;
  base: WeightSet;
  /** Fine-tuned encoders by task name, in manifest order. */
  encoders: Record<string, WeightSet>;
  /** Per task: the head trained on the frozen base and the fine-tune's head. */
  heads: Record<string, { base: WeightSet; finetune: WeightSet }>;
}

/** Splits heads.safetensors ("<task>.<kind>.weight") into per-task WeightSets named head.weight/head.bias. */
export function splitHeads(all: WeightSet, tasks: string[]): MergeFamily['heads'] {
  const out: MergeFamily['heads'] = {};
  for (const t of tasks) {
    const pickKind = (k: 'base' | 'finetune'): WeightSet => ({ tensors: { 'head.weight': all.tensors[`${t}.${k}.weight`], 'head.bias': all.tensors[`${t}.${k}.bias`] } });
    out[t] = { base: pickKind('base'), finetune: pickKind('finetune') };
  }
  return out;
}

/** Loads the whole family from a base URL (e.g. "/models/merge"), every file checked against the manifest. */
export async function loadMergeFamily(baseUrl: string, fetchFn?: FetchLike): Promise<MergeFamily> {
  const folder = await openModelFolder(baseUrl, mergeManifestSchema, fetchFn);
  const manifest = folder.manifest as MergeManifest;
  const read = async (file: string) => readSafetensors(await folder.read(file));
  const [base, heads, ...encs] = await Promise.all([read(manifest.base), read(manifest.heads), ...manifest.tasks.map((t) => read(t.encoder))]);
  const encoders = Object.fromEntries(manifest.tasks.map((t, i) => [t.name, encs[i]]));
  return { manifest, base, encoders, heads: splitHeads(heads, manifest.tasks.map((t) => t.name)) };
}
