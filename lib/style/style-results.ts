/**
 * The shape of docs/results/style.json (written by `npm run eval:style`), as far as the page reads
 * it: the premise check and the primary comparison per family, per-pair rows and the null model.
 */
export interface Interval {
  estimate: number;
  ci95: [number, number];
}

export interface Headline {
  /**
   * The premise: the naive sum's extra dose of the house change over the single styles, in % of one
   * application. verdict: above the margin ("holds"), inside +-margin ("absent"), or neither.
   * previous: the first definition (border ΔE, naive sum minus single styles), kept beside it.
   */
  premise: {
    metric: string; value: number; ci95: [number, number]; holds: boolean; verdict?: 'holds' | 'absent' | 'inconclusive'; margin?: number; units?: string;
    previous?: { metric: string; value: number; ci95: [number, number]; holds: boolean; units: string };
  };
  primary: { comparison: string; estimate: number; ci95: [number, number] };
}

export interface PairResult {
  pair: string[];
  combo: string;
  tuning: { c: { value: number }; gamma: { value: number } };
  test: Record<'naive1' | 'naive' | 'method', { deltaE: number; borderDeltaE: number; quality: number; ratios: [number, number]; dose?: number }> & { singlesDose?: [number, number] };
  /** House dose difference (fraction of one application; the page shows %). */
  premise: Interval;
  /** The first premise definition: border ΔE, naive sum minus single styles. */
  borderPremise?: Interval;
  primary: Interval;
  nullModel: { name: string; dim: number; ranks: number[]; sharedDim: number; chanceMean: number; chanceP95: number }[] | null;
}

export interface FamilyResults {
  singles: Record<string, { test: { deltaE: number; scores: Record<string, number> } }>;
  premise: Interval;
  primary: Interval;
  pairs: PairResult[];
}

export interface StyleResults extends Headline {
  sibling: Headline;
  units: string;
  setup: { testIcons: number; testSeeds: number; validationIcons: number; keep: number; bootstrap: string; sampler: { steps: number; guidance: number } };
  families: { planted: FamilyResults; sibling: FamilyResults };
}

/** "0.12 [-0.30, 0.51]": the format the page and the e2e test share. */
export const formatInterval = (estimate: number, ci95: [number, number]): string => `${estimate.toFixed(2)} [${ci95[0].toFixed(2)}, ${ci95[1].toFixed(2)}]`;

/** The premise's verdict in words (older results without a verdict: above 0 or not). */
export function premiseWords(p: Headline['premise']): string {
  const v = p.verdict ?? (p.holds ? 'holds' : 'inconclusive');
  if (v === 'holds') return p.margin !== undefined ? `holds (above ${p.margin}%)` : 'holds';
  if (v === 'absent') return `absent (inside ±${p.margin}%)`;
  return p.margin !== undefined ? `inconclusive (neither above ${p.margin}% nor inside ±${p.margin}%)` : 'does not hold';
}

/** A sentence about a method-minus-baseline interval (negative = the method has the smaller error). */
export function verdict(ci95: [number, number]): string {
  if (ci95[1] < 0) return 'unique-only mixing is closer to the ground truth';
  if (ci95[0] > 0) return 'the best scaled naive sum is closer to the ground truth';
  return 'no difference the interval can resolve';
}
