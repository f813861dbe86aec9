import { interpolate, type LayerSetting, layerPositions, layerSettingSchema } from './layer-schedule';
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

/**
 * The term with block `index` switched in or out of its layer filter; a filter that lists every
 * block is dropped, so the term reads as it did before it had one.
 */
export function toggleLayer(term: Term, index: number, blocks: readonly number[]): Term {
  const now = term.layers ?? [...blocks];
  const next = now.includes(index) ? now.filter((i) => i !== index) : [...now, index].sort((a, b) => a - b);
  const { layers: _, ...rest } = term;
  return blocks.every((b) => next.includes(b)) ? rest : { ...rest, layers: next };
}

/** A schedule as the text a user edits: "" (none), "0.5", "0, 0.5, 1" (a gradient), or JSON for name filters. */
export function formatSchedule(s: LayerSetting | undefined): string {
  if (s === undefined) return '';
  if (typeof s === 'number') return String(s);
  return s.every((e) => typeof e === 'number') ? s.join(', ') : JSON.stringify(s);
}

/** The text back as a schedule (undefined: none), or the reason it is not one. */
export function parseSchedule(text: string): { ok: true; value: LayerSetting | undefined } | { ok: false; error: string } {
  const t = text.trim();
  if (!t) return { ok: true, value: undefined };
  let raw: unknown;
  if (t.startsWith('[')) {
    try {
      raw = JSON.parse(t);
    } catch {
      return { ok: false, error: 'not readable JSON' };
    }
  } else {
    const parts = t.split(/[\s,]+/).filter(Boolean).map(Number);
    if (parts.some((x) => !Number.isFinite(x))) return { ok: false, error: 'numbers separated by commas, e.g. 0, 0.5, 1' };
    raw = parts.length === 1 ? parts[0] : parts;
  }
  const parsed = layerSettingSchema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: parsed.error.issues[0]?.message ?? 'not a per-layer setting' };
}

/**
 * The schedule as one value per block (blocks 0 .. count - 1), so each block can be edited: a
 * gradient is read at each block's position as the recipe reads it. Name filters have no single
 * value per block: undefined.
 */
export function perBlockSchedule(s: LayerSetting | undefined, count: number): number[] | undefined {
  if (count < 1) return undefined;
  const at = (i: number) => (count > 1 ? i / (count - 1) : 1);
  if (s === undefined || typeof s === 'number') return Array.from({ length: count }, () => s ?? 1);
  if (!s.every((e): e is number => typeof e === 'number')) return undefined;
  return Array.from({ length: count }, (_, i) => Number(interpolate(s, at(i)).toFixed(4)));
}
