/**
 * The detox demo's model folder (public/models/detox): its manifest schema, the three char GPTs
 * (fp16 safetensors decoded to float32 WeightSets, each checked against the manifest) and the
 * hashed word lists. fetch only, so it runs in a page, a worker or Node.
 */
import { z } from 'zod';
import { type FetchLike, openModelFolder, parseJson } from '../../manifest/load-manifest';
import { manifestSchema } from '../../manifest/manifest-schema';
import { readSafetensors } from '../../tensors/safetensors';
import type { WeightSet } from '../../tensors/weight-set';
import { matcherFromHashes, type HashedWordLists, type WordMatcher } from './word-hash';

export const DETOX_MODEL_URL = '/models/detox';
export const DETOX_MODELS = ['base', 'toxic', 'benign'] as const;
export type DetoxModelName = (typeof DETOX_MODELS)[number];

export const detoxManifestSchema = manifestSchema.extend({
  model: z.literal('char-gpt'),
  config: z.object({ vocabSize: z.number().int(), blockSize: z.number().int(), nLayer: z.number().int(), nHead: z.number().int(), nEmbd: z.number().int() }),
  parameters: z.number().int(),
  vocab: z.string().min(1),
  metrics: z.unknown(),
  /** The prompts of the page's live toxicity measure (v2: the held-out test prompts); absent in v1, which uses EVAL_PROMPTS. */
  livePrompts: z.array(z.string()).optional(),
});

export type DetoxManifest = z.output<typeof detoxManifestSchema>;

export interface DetoxFamily {
  manifest: DetoxManifest;
  models: Record<DetoxModelName, WeightSet>;
  /**
   * Matchers for scoring and masking: "full" (every listed word: masking), "heldout" (the base-only
   * words) and "primary" (v3: the toxic fine-tune's corpus words and the LDNOOBW list; "full" when the
   * lists predate v3).
   */
  matchers: { full: WordMatcher; heldout: WordMatcher; primary: WordMatcher };
}

export async function loadDetoxFamily(baseUrl = DETOX_MODEL_URL, fetchFn?: FetchLike): Promise<DetoxFamily> {
  const folder = await openModelFolder(baseUrl, detoxManifestSchema, fetchFn);
  const weights = await Promise.all(DETOX_MODELS.map(async (n) => readSafetensors(await folder.read(`${n}.safetensors`))));
  // The word lists are written after the models, so the manifest does not list them. (The measured
  // evaluation is docs/results/detox.json, served as /data/detox/results.json; v1's eval.json is gone.)
  const listBytes = await folder.readUnlisted('word-lists.json');
  if (!listBytes) throw new Error(`${baseUrl}/word-lists.json is missing`);
  const lists = parseJson<HashedWordLists>(listBytes);
  return {
    manifest: folder.manifest,
    models: Object.fromEntries(DETOX_MODELS.map((n, i) => [n, weights[i]])) as Record<DetoxModelName, WeightSet>,
    matchers: {
      full: matcherFromHashes([...lists.train, ...lists.heldout, ...(lists.fineTune ?? []), ...(lists.independent ?? [])], lists.salt),
      heldout: matcherFromHashes(lists.heldout, lists.salt),
      primary: matcherFromHashes(lists.fineTune ? [...lists.fineTune, ...(lists.independent ?? [])] : [...lists.train, ...lists.heldout], lists.salt),
    },
  };
}
