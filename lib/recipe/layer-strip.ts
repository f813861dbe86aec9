import { layerPositions } from './layer-schedule';
import type { Term } from './schema';
import { termsAt } from './terms-at';

export interface LayerCell {
  /** Block index. */
  index: number;
  /** The term's coefficient on this layer's tensors: smallest and largest (they differ under name filters). */
  min: number;
  max: number;
  /** False when the term leaves every tensor of the layer out (layer filter or no matching filter). */
  touched: boolean;
}

/** A term's coefficient layer by layer over a model's tensor names, for a per-layer strip. */
export function layerStrip(term: Term, tensorNames: readonly string[]): LayerCell[] {
  const positions = layerPositions(tensorNames);
  const byLayer = new Map<number, number[]>();
  const seen = new Set<number>();
  for (const name of tensorNames) {
    const pos = positions.get(name)!;
    if (pos.index === undefined) continue;
    seen.add(pos.index);
    const at = termsAt([term], name, pos);
    if (at.length) byLayer.set(pos.index, [...(byLayer.get(pos.index) ?? []), at[0].weight]);
  }
  return [...seen].sort((a, b) => a - b).map((index) => {
    const values = byLayer.get(index) ?? [];
    return values.length ? { index, min: Math.min(...values), max: Math.max(...values), touched: true } : { index, min: 0, max: 0, touched: false };
  });
}
