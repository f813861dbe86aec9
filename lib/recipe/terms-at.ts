import { evaluateSetting, type LayerPosition } from './layer-schedule';
import type { Term } from './schema';

export interface TermAt {
  term: Term;
  /** The coefficient at this tensor: coefficient x schedule. */
  weight: number;
  /** The term's own density at this tensor, when it sets one. */
  density?: number;
}

/**
 * The terms that touch one tensor, with their coefficient (and density) at its layer. A term whose
 * layer filter or schedule filters leave the tensor out is dropped, so methods that count or
 * average over vectors see only the terms present there. Plain terms give their coefficient.
 */
export function termsAt(terms: readonly Term[], name: string, pos: LayerPosition = { index: undefined, t: 0 }): TermAt[] {
  const out: TermAt[] = [];
  for (const term of terms) {
    if (term.layers && (pos.index === undefined || !term.layers.includes(pos.index))) continue;
    const factor = term.schedule === undefined ? 1 : evaluateSetting(term.schedule, name, pos.t);
    if (factor === undefined) continue;
    const density = term.density === undefined ? undefined : evaluateSetting(term.density, name, pos.t);
    out.push({ term, weight: term.coefficient * factor, ...(density === undefined ? {} : { density: Math.min(1, Math.max(0, density)) }) });
  }
  return out;
}

/** The method context's per-vector extras for these terms (weights for normalisation, densities). */
export function termContext(at: readonly TermAt[]): { weights: number[]; densities?: (number | undefined)[] } {
  const weights = at.map((a) => a.weight);
  return at.some((a) => a.density !== undefined) ? { weights, densities: at.map((a) => a.density) } : { weights };
}
