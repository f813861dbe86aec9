/**
 * What the /merge page shows from docs/results/merge.json (served as /data/merge/results.json): the premise
 * gate, the primary comparison and its control comparison, every method with its interval, the null model
 * per layer and the validation sweeps. Pure: a zod schema for the file and the formatting the page and the
 * end-to-end test share, so both read the same digits.
 */
import { z } from 'zod';

const ci = z.tuple([z.number(), z.number()]);
const comparison = z.object({ comparison: z.string(), estimate: z.number(), ci95: ci });
const premise = z.object({ metric: z.string(), value: z.number(), ci95: ci, holds: z.boolean(), threshold: z.number() });
const point = z.object({ lambda: z.number(), second: z.number().optional() });

const premiseLayer = z.object({
  name: z.string(), d: z.number(), sharedDim: z.number(), chanceP95: z.number(),
  tauInside: z.array(z.number()), commonInside: z.number().nullable(), commonOverTau: z.array(z.number()).nullable(),
  side: z.string().optional(),
});

/** The method's own premise (issue 26): the planted common part inside Z, and task arithmetic's tuned lambda x k. */
export const methodPremiseSchema = z.object({
  metric: z.string(), value: z.number(), perSeed: z.array(z.number()), threshold: z.number(),
  commonInside: z.number().nullable(), commonChance: z.number().nullable(), tauInside: z.array(z.number()),
  lambdaK: z.array(z.number()), lambdaKThreshold: z.number(), holds: z.boolean(), layers: z.array(premiseLayer),
});

export const familySummarySchema = z.object({
  family: z.string(),
  seeds: z.array(z.number()),
  tasks: z.array(z.string()),
  valPerTask: z.number(),
  testPerTask: z.number(),
  drawSubset: z.number(),
  methods: z.array(z.object({
    id: z.string(), title: z.string(), formula: z.string(), params: z.array(point), val: z.number(),
    test: z.object({ estimate: z.number(), ci95: ci }), perTask: z.array(z.number()),
    curve: z.array(z.object({ lambda: z.number(), val: z.number(), valNormalized: z.number() })),
    draws: z.array(z.number()).optional(),
  })),
  premise,
  methodPremise: methodPremiseSchema.optional(),
  primary: comparison.extend({ vsControl: comparison, forms: z.array(z.string()), controls: z.array(z.string()) }),
  layers: z.array(z.object({ name: z.string(), d: z.number(), ranks: z.array(z.number()), sharedDim: z.number(), chanceMean: z.number(), chanceP95: z.number(), sharedEnergy: z.number() })),
});

export const mergeEvidenceSchema = z.object({
  generatedBy: z.string(),
  units: z.string(),
  families: z.record(z.string(), familySummarySchema),
});

export type MergeEvidence = z.infer<typeof mergeEvidenceSchema>;
export type FamilyEvidence = z.infer<typeof familySummarySchema>;
export type MethodPremiseEvidence = z.infer<typeof methodPremiseSchema>;

/** One decimal, with a sign for differences. */
export const points = (x: number, signed = false): string => `${signed && x >= 0 ? '+' : ''}${x.toFixed(1)}`;
export const interval = (c: readonly [number, number]): string => `[${c[0].toFixed(1)}, ${c[1].toFixed(1)}]`;
export const excludesZero = (c: readonly [number, number]): boolean => c[0] > 0 || c[1] < 0;

/** A sentence computed from the numbers (no fixed conclusion). */
export function verdict(estimate: number, c: readonly [number, number], what: string): string {
  if (!excludesZero(c)) return `${what}: no difference resolved (the 95% interval includes 0).`;
  return `${what}: ${estimate > 0 ? 'ahead' : 'behind'} by ${Math.abs(estimate).toFixed(1)} points (the 95% interval excludes 0).`;
}

/** Validation sweeps as chart rows: one row per lambda in any method's grid, one key per method. */
export function sweepRows(f: FamilyEvidence, key: 'val' | 'valNormalized' = 'valNormalized'): Record<string, number>[] {
  const lambdas = [...new Set(f.methods.flatMap((m) => m.curve.map((c) => c.lambda)))].sort((a, b) => a - b);
  return lambdas.map((lambda) => {
    const row: Record<string, number> = { lambda };
    for (const m of f.methods) {
      const c = m.curve.find((x) => x.lambda === lambda);
      if (c) row[m.id] = c[key] / 100;
    }
    return row;
  });
}
