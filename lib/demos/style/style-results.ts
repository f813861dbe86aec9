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
  /** Pairs on which every style stays >= keep of its single-style score (v3 results on). */
  kept?: { primary: number; naive: number; pairs: number };
  /** House dose of the primary form over the pairs, in % of once, and whether it lies within 100 +- tolerance. */
  primaryDose?: { value: number; ci95: [number, number]; tolerance: number; within: boolean };
  /** Secondary: gamma tuned on validation; equalsNaive lists the combos where tuning picked gamma = k (the naive sum). */
  tunedGamma?: { estimate: number; ci95: [number, number]; equalsNaive: string[] };
}

/** One matrix of the method's premise: shared dimension against the null, and each style's house share in Z (%). */
export interface PremiseLayer { name: string; dim: number; ranks: number[]; sharedDim: number; chanceMean: number; chanceP95: number; share: number[] }

/** The method's premise (% of the house change's energy inside the shared subspace, pooled over all matrices). */
export interface MethodPremiseResult {
  metric: string;
  value: number;
  ci95: [number, number];
  threshold: number;
  holds: boolean;
  chance: number;
  sibling: { value: number; ci95: [number, number]; chance: number };
  layers: Record<'planted' | 'sibling', { styles: string[]; share: number[]; pooled: number; chance: number; layers: PremiseLayer[] }[]>;
}

type TestRow = { deltaE: number; borderDeltaE: number; quality: number; ratios: number[]; dose?: number };

export interface PairResult {
  pair: string[];
  combo: string;
  tuning: { c: { value: number }; gamma: { value: number; equalsNaive?: boolean } };
  /** method: the primary form (v3: gamma = 1); tunedGamma: the secondary. */
  test: Record<'naive1' | 'naive' | 'method', TestRow> & { tunedGamma?: TestRow & { gamma: number; equalsNaive: boolean }; singlesDose?: number[] };
  /** House dose difference (fraction of one application; the page shows %). */
  premise: Interval;
  /** The first premise definition: border ΔE, naive sum minus single styles. */
  borderPremise?: Interval;
  primary: Interval;
  tunedGamma?: Interval;
  primaryDose?: Interval;
  nullModel: { name: string; dim: number; ranks: number[]; sharedDim: number; chanceMean: number; chanceP95: number }[] | null;
}

export interface FamilyResults {
  singles: Record<string, { test: { deltaE: number; scores: Record<string, number> } }>;
  premise: Interval;
  primary: Interval;
  pairs: PairResult[];
  triple?: PairResult | null;
}

export interface StyleResults extends Headline {
  sibling: Headline;
  methodPremise?: MethodPremiseResult;
  /** The protocol file committed before the evaluation. */
  preregistered?: string;
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
  if (ci95[1] < 0) return 'the unique parts + the shared part once are closer to the ground truth';
  if (ci95[0] > 0) return 'the best scaled naive sum is closer to the ground truth';
  return 'no difference the interval can resolve';
}
