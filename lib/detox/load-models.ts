/**
 * Browser-side loading of the shipped detox models: manifest, fp16 safetensors (decoded to float32
 * WeightSets) and the hashed word lists. fetch only, so it runs in a page or a worker.
 */
import type { CharGptConfig } from '../models/char-gpt';
import { readSafetensors } from '../tensors/safetensors';
import type { WeightSet } from '../tensors/weight-set';
import { matcherFromHashes, type HashedWordLists, type WordMatcher } from './word-hash';

export const DETOX_MODEL_URL = '/models/detox';
export type DetoxModelName = 'base' | 'toxic' | 'benign';

export interface DetoxManifest {
  config: CharGptConfig;
  vocab: string;
  files: Record<string, { sha256: string; bytes: number }>;
  metrics: unknown;
  [key: string]: unknown;
}

async function fetchOk(url: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res;
}

export const loadDetoxManifest = async (base = DETOX_MODEL_URL): Promise<DetoxManifest> => (await fetchOk(`${base}/manifest.json`)).json();

export const loadDetoxModel = async (name: DetoxModelName, base = DETOX_MODEL_URL): Promise<WeightSet> =>
  readSafetensors(await (await fetchOk(`${base}/${name}.safetensors`)).arrayBuffer());

/** Matchers for scoring and masking: "full" (both halves) and "heldout" (never trained on). */
export async function loadWordMatchers(base = DETOX_MODEL_URL): Promise<{ full: WordMatcher; heldout: WordMatcher }> {
  const lists: HashedWordLists = await (await fetchOk(`${base}/word-lists.json`)).json();
  return { full: matcherFromHashes([...lists.train, ...lists.heldout], lists.salt), heldout: matcherFromHashes(lists.heldout, lists.salt) };
}
