import type { Tensor, WeightSet } from '../tensors/weight-set';
import type { CheckpointListing } from './open-checkpoint';
import type { ProgressOf } from '../util/progress';

export type FileProgress = ProgressOf<'download'>;

/** Bytes of tensor data per file of a listing: the totals progress counts toward. */
export function fileTotals(listing: CheckpointListing): Map<string, number> {
  const totals = new Map<string, number>();
  for (const t of listing.tensors) totals.set(t.file, (totals.get(t.file) ?? 0) + t.info.end - t.info.begin);
  return totals;
}

/**
 * Every tensor of a checkpoint, one request at a time, with per-file progress in bytes. Tensors
 * are renamed through `rename` (e.g. to the base's names). Each tensor owns its buffer exactly,
 * so the set can be transferred to a worker without copying.
 */
export async function readCheckpoint(
  listing: CheckpointListing,
  options: { signal?: AbortSignal; onProgress?: (p: FileProgress) => void; rename?: (name: string) => string | undefined } = {},
): Promise<WeightSet> {
  const totals = fileTotals(listing);
  const loaded = new Map<string, number>();
  const tensors: Record<string, Tensor> = {};
  for (const t of listing.tensors) {
    options.signal?.throwIfAborted();
    const target = options.rename ? options.rename(t.name) : t.name;
    const tensor = await listing.read(t.name, options.signal);
    const own = tensor.data.byteOffset === 0 && tensor.data.byteLength === tensor.data.buffer.byteLength ? tensor.data : tensor.data.slice();
    if (target !== undefined) tensors[target] = { shape: tensor.shape, data: own };
    const n = (loaded.get(t.file) ?? 0) + t.info.end - t.info.begin;
    loaded.set(t.file, n);
    options.onProgress?.({ stage: 'download', file: t.file, loaded: n, total: totals.get(t.file)! });
  }
  return { tensors, metadata: listing.metadata };
}
