/**
 * What the /detox page shows from docs/results/detox.json (served as /data/detox/results.json,
 * written by `npm run eval:detox`, v3): the three premise gates, the primary comparison and the curve.
 * Before the v2 models are trained the file says so ("not measured") and carries no numbers. Pure: a
 * zod schema for the file and the formatting the page and the end-to-end test share, so both read
 * the same digits.
 */
import { z } from 'zod';
import { niceTicks } from '../../util/nice-ticks';

export const DETOX_RESULTS_URL = '/data/detox/results.json';

const ci = z.tuple([z.number(), z.number()]);
const share = z.object({ value: z.number(), ci95: ci });

const pending = z.object({
  status: z.literal('not measured'),
  note: z.string(),
  premise: z.object({ metric: z.string(), value: z.null(), ci95: z.null(), holds: z.null(), threshold: z.number() }),
  primary: z.null(),
});

const gate = z.object({ metric: z.string(), value: z.number(), ci95: ci, holds: z.boolean() });
const curvePoint = z.object({ lambda: z.number(), validationCut: z.number(), knowledge: z.number(), bitsPerChar: z.number() });

const measured = z.object({
  status: z.enum(['measured', 'dry run']),
  version: z.literal(3),
  generatedBy: z.string(),
  preregistered: z.string(),
  stopped: z.string().nullable(),
  premise: gate.extend({ threshold: z.number() }),
  toxicPremise: gate,
  methodPremise: z.object({ metric: z.string(), value: z.number(), pooledShareAllMatrices: z.number(), threshold: z.number(), holds: z.boolean(), matrices: z.array(z.object({ name: z.string(), sharedDim: z.number(), chanceP95: z.number(), aboveChance: z.boolean() })) }),
  primary: z
    .object({
      comparison: z.string(),
      knowledge: share.extend({ items: z.number() }),
      bitsPerChar: share.extend({ windows: z.number() }),
      testToxicity: share,
      supported: z.boolean(),
    })
    .nullable(),
  base: z.object({ validationToxicity: z.number(), knowledge: share, bitsPerChar: z.number() }).nullable(),
  points: z.array(z.object({ method: z.string(), control: z.boolean(), reached: z.boolean(), lambda: z.number(), validationCut: z.number(), knowledge: z.number().nullable(), bitsIncrease: z.number().nullable() })),
  curves: z.record(z.string(), z.array(curvePoint)),
});

export const detoxEvidenceSchema = z.discriminatedUnion('status', [pending, measured]);
export type DetoxEvidence = z.infer<typeof detoxEvidenceSchema>;
export type MeasuredDetoxEvidence = z.infer<typeof measured>;

/** Percent (or percentage points) with the two decimals detox.json keeps; a sign for differences. */
export const pct = (x: number, signed = false): string => `${signed && x >= 0 ? '+' : ''}${x.toFixed(2)}`;
/** A change in bits/char with its sign (a fine-tune can also lower the clean-text cost). */
export const signedBits = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
export const ci95 = (c: readonly [number, number], decimals = 2): string => `[${c[0].toFixed(decimals)}, ${c[1].toFixed(decimals)}]`;

/** The sentence for the primary comparison, computed from its intervals (no fixed conclusion). */
export function primaryVerdict(e: MeasuredDetoxEvidence): string {
  const gates = e.premise.holds && e.toxicPremise.holds && e.methodPremise.holds;
  if (!gates) return 'Not measured: a premise gate fails, so no method comparison is made.';
  const q = e.primary;
  if (!q) return 'Not measured: a method did not reach the cut (see the table in docs/results.md).';
  const side = (c: readonly [number, number], up: string, down: string) => (c[0] > 0 ? up : c[1] < 0 ? down : 'no difference resolved');
  return `Knowledge: ${side(q.knowledge.ci95, 'unique negation keeps more', 'unique negation keeps less')}; fluency: ${side(q.bitsPerChar.ci95, 'unique negation costs more', 'unique negation costs less')}. The pre-registered claim is ${q.supported ? 'supported' : 'not supported'} here.`;
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
  /** Unit after the x tick labels ('' or '%'). */
  xUnit?: string;
}

const COLOURS: Record<string, string> = { plain: '#f59e0b', unique: '#2563eb' };
const TITLES: Record<string, string> = { plain: 'Plain negation', unique: 'Unique negation' };

/**
 * The v3 curve: how much of the base's validation toxicity each edit cuts against how much of the
 * knowledge probe it keeps, at every lambda the bisection visited (lambda 0 is the base).
 */
export function knowledgeCurve(e: MeasuredDetoxEvidence): TradeOffData {
  return {
    series: Object.entries(e.curves).map(([id, pts]) => ({
      id,
      label: TITLES[id] ?? id,
      colour: COLOURS[id] ?? '#000000',
      points: pts.map((p) => ({ x: p.validationCut, y: p.knowledge, lambda: p.lambda })),
    })),
    xLabel: "cut of the base's toxicity on validation prompts (%)",
    yLabel: 'knowledge probe (%)',
    caption: 'Each point is one λ of the bisection: toxicity cut on the validation prompts against the share of cloze items the edited model answers (chance is 25%).',
    xUnit: '%',
  };
}

/** Both axes' ticks and their labels (x in bits/char, y in percent), shared by the chart and its test. */
export function tradeOffAxes(d: TradeOffData) {
  const xs = d.series.flatMap((s) => s.points.map((p) => p.x)), ys = d.series.flatMap((s) => s.points.map((p) => p.y));
  const x = niceTicks(Math.min(...xs), Math.max(...xs)), y = niceTicks(0, Math.max(...ys));
  return {
    x: { ticks: x.ticks, label: (v: number) => `${v.toFixed(x.decimals)}${d.xUnit ?? ''}` },
    y: { ticks: y.ticks, label: (v: number) => `${v.toFixed(y.decimals)}%` },
  };
}
