/**
 * Compares two negation sweeps at equal toxicity: for each point of one sweep, the other sweep's
 * fluency and knowledge are linearly interpolated at the same toxicity (null outside its range).
 */
export interface SweepPoint {
  lambda: number;
  toxicShare: number;
  bitsPerChar: number;
  factAccuracy: number;
}

export function interpolateAt(points: SweepPoint[], toxicShare: number, key: 'bitsPerChar' | 'factAccuracy'): number | null {
  const sorted = [...points].sort((a, b) => a.toxicShare - b.toxicShare);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    if (a.toxicShare === toxicShare) return a[key];
    const b = sorted[i + 1];
    if (b && a.toxicShare < toxicShare && toxicShare <= b.toxicShare) {
      const w = (toxicShare - a.toxicShare) / (b.toxicShare - a.toxicShare);
      return a[key] + w * (b[key] - a[key]);
    }
  }
  return null;
}
