import { z } from 'zod';
import { SourceError } from './source-ref';

/** `model.safetensors.index.json`: which shard file holds each tensor. */
const indexSchema = z.object({
  metadata: z.object({ total_size: z.number().nonnegative().optional() }).passthrough().optional(),
  weight_map: z.record(z.string(), z.string()),
});

export interface ShardedIndex {
  totalSize: number | null;
  /** Shard file names in first-seen order. */
  shards: string[];
  weightMap: Record<string, string>;
}

const SAFE_FILE = /^(?!.*\.\.)(?!\/)[\w.\-/]+\.safetensors$/;

export function parseShardedIndex(text: string, fileName = 'model.safetensors.index.json'): ShardedIndex {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SourceError(`${fileName} is not valid JSON`);
  }
  const parsed = indexSchema.safeParse(json);
  if (!parsed.success) throw new SourceError(`${fileName} is not a sharded-checkpoint index: it needs a "weight_map" from tensor names to shard files`);
  const weightMap = parsed.data.weight_map;
  const shards = [...new Set(Object.values(weightMap))];
  const bad = shards.filter((s) => !SAFE_FILE.test(s));
  if (bad.length) throw new SourceError(`${fileName} names shard files this app will not fetch: ${bad.slice(0, 3).join(', ')}`);
  return { totalSize: parsed.data.metadata?.total_size ?? null, shards, weightMap };
}
