/** The merge demo's model manifest (public/models/merge/manifest.json) and browser-side loading. Pure TypeScript. */
import { readSafetensors } from '../tensors/safetensors';
import type { WeightSet } from '../tensors/weight-set';
import type { VitConfig } from './vit';

export interface SplitAccuracy { val: number; test: number }

export interface MergeManifest {
  format: 'task-vector-lab/merge-family@1';
  architecture: { family: 'vit' } & VitConfig;
  dtype: 'F16';
  base: string;
  heads: string;
  headNaming: string;
  pretraining: { task: string; classes: string[]; images: number };
  tasks: { name: string; title: string; classes: string[]; encoder: string; accuracy: { baseHead: SplitAccuracy; finetune: SplitAccuracy } }[];
  data: Record<string, unknown>;
  training: Record<string, unknown>;
  files: Record<string, { sha256: string; bytes: number }>;
}

export interface MergeFamily {
  manifest: MergeManifest;
  base: WeightSet;
  /** Fine-tuned encoders by task name, in manifest order. */
  encoders: Record<string, WeightSet>;
  /** Per task: the head trained on the frozen base and the fine-tune's head. */
  heads: Record<string, { base: WeightSet; finetune: WeightSet }>;
}

type Fetch = (url: string) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer>; json(): Promise<unknown> }>;

/** Splits heads.safetensors ("<task>.<kind>.weight") into per-task WeightSets named head.weight/head.bias. */
export function splitHeads(all: WeightSet, tasks: string[]): MergeFamily['heads'] {
  const out: MergeFamily['heads'] = {};
  for (const t of tasks) {
    const pickKind = (k: 'base' | 'finetune'): WeightSet => ({ tensors: { 'head.weight': all.tensors[`${t}.${k}.weight`], 'head.bias': all.tensors[`${t}.${k}.bias`] } });
    out[t] = { base: pickKind('base'), finetune: pickKind('finetune') };
  }
  return out;
}

/** Loads the whole family from a base URL (e.g. "/models/merge"); `fetchFn` defaults to global fetch. */
export async function loadMergeFamily(baseUrl: string, fetchFn: Fetch = fetch as unknown as Fetch): Promise<MergeFamily> {
  const get = async (file: string) => {
    const r = await fetchFn(`${baseUrl}/${file}`);
    if (!r.ok) throw new Error(`${baseUrl}/${file}: HTTP ${r.status}`);
    return r;
  };
  const manifest = (await (await get('manifest.json')).json()) as MergeManifest;
  const read = async (file: string) => readSafetensors(await (await get(file)).arrayBuffer());
  const [base, heads, ...encs] = await Promise.all([read(manifest.base), read(manifest.heads), ...manifest.tasks.map((t) => read(t.encoder))]);
  const encoders = Object.fromEntries(manifest.tasks.map((t, i) => [t.name, encs[i]]));
  return { manifest, base, encoders, heads: splitHeads(heads, manifest.tasks.map((t) => t.name)) };
}
