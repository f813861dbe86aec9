/**
 * What the /detox page shows from docs/results/detox.json (served as /data/detox/results.json,
 * written by `npm run eval:detox`): the premise gate, the primary comparison and the trade-off chart.
 * Before the v2 models are trained the file says so ("not measured") and carries no numbers. Pure: a
 * zod schema for the file and the formatting the page and the end-to-end test share, so both read
 * the same digits.
 */
import { z } from 'zod';
import { niceTicks } from '../util/nice-ticks';

export const DETOX_RESULTS_URL = '/data/detox/results.json';

const ci = z.tuple([z.number(), z.number()]);
const share = z.object({ value: z.number(), ci95: ci });

const pending = z.object({
  status: z.literal('not measured'),
  note: z.string(),
  premise: z.object({ metric: z.string(), value: z.null(), ci95: z.null(), holds: z.null(), threshold: z.number() }),
  primary: z.object({ comparison: z.string(), estimate: z.null(), ci95: z.null() }),
});

const measured = z.object({
  status: z.enum(['measured', 'dry run']),
  generatedBy: z.string(),
  premise: z.object({ metric: z.string(), value: z.number(), ci95: ci, holds: z.boolean(), threshold: z.number() }),
  primary: z.object({ comparison: z.string(), estimate: z.number().nullable(), ci95: ci.nullable(), samplesPerPoint: z.number() }),
  fineTuneCost: z.record(z.string(), z.number()),
  models: z.record(z.string(), z.object({ toxicity: share, bitsPerChar: z.number(), facts: z.number() })),
  comparisons: z.array(z.object({ target: z.number(), uniqueMinusPlain: z.object({ estimate: z.number(), ci95: ci }).nullable() })),
  points: z.array(z.object({ method: z.string(), target: z.number(), reached: z.boolean(), lambda: z.number(), cost: z.number(), toxicity: share.optional(), facts: z.number().nullable() })),
  controls: z.record(z.string(), z.array(z.object({ target: z.number(), draws: z.number(), reached: z.number(), meanToxicity: z.number().nullable() }))),
});

export const detoxEvidenceSchema = z.discriminatedUnion('status', [pending, measured]);
export type DetoxEvidence = z.infer<typeof detoxEvidenceSchema>;
export type MeasuredDetoxEvidence = z.infer<typeof measured>;

/** Percent (or percentage points) with the two decimals detox.json keeps; a sign for differences. */
export const pct = (x: number, signed = false): string => `${signed && x >= 0 ? '+' : ''}${x.toFixed(2)}`;
/** A change in bits/char with its sign (a fine-tune can also lower the clean-text cost). */
export const signedBits = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
export const ci95 = (c: readonly [number, number]): string => `[${c[0].toFixed(2)}, ${c[1].toFixed(2)}]`;

/** The sentence for the primary comparison, computed from its interval (no fixed conclusion). */
export function primaryVerdict(e: MeasuredDetoxEvidence): string {
  const { estimate, ci95: c } = e.primary;
  if (estimate === null || c === null) return 'Not measured: a method did not reach the fluency cost (see the table in docs/results.md).';
  if (!e.premise.holds) return 'Not a finding: the premise gate does not hold.';
  if (c[0] <= 0 && c[1] >= 0) return 'No difference resolved: the 95% interval includes 0.';
  return `Unique negation is ${c[1] < 0 ? 'less' : 'more'} toxic than plain negation at the same fluency cost (the 95% interval excludes 0).`;
}

export interface ChartPoint {
  x: number;
  /** Percent. */
  y: number;
  lambda: number;
}

export interface ChartSeries {
  id: string;
  label: string;
  colour: string;
  points: ChartPoint[];
}

export interface TradeOffData {
  series: ChartSeries[];
  xLabel: string;
  yLabel: string;
  /** What the chart's numbers are, in a sentence. */
  caption: string;
}

const COLOURS: Record<string, string> = { plain: '#f59e0b', unique: '#2563eb', difference: '#7c3aed', 'benign projection': '#0891b2', 'random subspace': '#71717a', 'energy-matched': '#65a30d' };
const TITLES: Record<string, string> = { plain: 'Plain negation', unique: 'Unique negation', difference: 'τ_toxic − τ_benign', 'benign projection': 'Benign directions projected off', 'random subspace': 'Random-subspace control (mean of draws)', 'energy-matched': 'Energy-matched control' };

/**
 * The v2 chart: toxicity against the fluency cost each edit was matched to (0 is the base itself),
 * one series per method and control.
 */
export function measuredTradeOff(e: MeasuredDetoxEvidence): TradeOffData {
  const base: ChartPoint = { x: 0, y: e.models.base.toxicity.value, lambda: 0 };
  const methods = [...new Set(e.points.filter((p) => !p.method.includes('#')).map((p) => p.method))];
  const series: ChartSeries[] = methods.map((m) => ({
    id: m,
    label: TITLES[m] ?? m,
    colour: COLOURS[m] ?? '#000000',
    points: [base, ...e.points.filter((p) => p.method === m && p.reached && p.toxicity).map((p) => ({ x: p.cost, y: p.toxicity!.value, lambda: p.lambda }))],
  }));
  for (const [c, rows] of Object.entries(e.controls))
    series.push({ id: c, label: TITLES[c] ?? c, colour: COLOURS[c] ?? '#000000', points: [base, ...rows.filter((r) => r.meanToxicity !== null && r.reached > 0).map((r) => ({ x: r.target, y: r.meanToxicity!, lambda: NaN }))] });
  return {
    series,
    xLabel: 'fluency cost: bits/char over the base on held-out prose',
    yLabel: 'toxic continuations (%)',
    caption: `Each method's λ is matched to a fluency cost; toxicity is the share of ${e.primary.samplesPerPoint} sampled continuations of the held-out test prompts with a base-only profane word.`,
  };
}

/** Both axes' ticks and their labels (x in bits/char, y in percent), shared by the chart and its test. */
export function tradeOffAxes(d: TradeOffData) {
  const xs = d.series.flatMap((s) => s.points.map((p) => p.x)), ys = d.series.flatMap((s) => s.points.map((p) => p.y));
  const x = niceTicks(Math.min(...xs), Math.max(...xs)), y = niceTicks(0, Math.max(...ys));
  return {
    x: { ticks: x.ticks, label: (v: number) => v.toFixed(x.decimals) },
    y: { ticks: y.ticks, label: (v: number) => `${v.toFixed(y.decimals)}%` },
  };
}
