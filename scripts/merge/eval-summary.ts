/**
 * Turns the per-seed evaluation units of one family into what docs/results.md, docs/results/merge.json
 * and the page show: every method's mean test accuracy with a bootstrap interval, the premise gate,
 * the primary comparison and its control comparison. Numbers are points (%) of mean test accuracy over the tasks.
 */
import { type CorrectFlags, type Interval, meanAccuracy, pairedBootstrap } from '../../lib/stats/paired-bootstrap';
import type { GridPoint } from './eval-grid';
import { DRAW_SUBSET, type LayerNull, type MethodResult, type UnitResult } from './eval-unit';
import type { PremiseLayer } from './method-premise-check';

export const PREMISE_MARGIN = 5;
const DRAWS = 2000;

const decode = (f: string): Uint8Array => Uint8Array.from(f, (c) => (c === '1' ? 1 : 0));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const acc = (f: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < f.length; i++) s += f[i];
  return s / f.length;
};

export interface Comparison { comparison: string; estimate: number; ci95: [number, number] }
export interface Premise { metric: string; value: number; ci95: [number, number]; holds: boolean; threshold: number }

/**
 * The method's own premise (EXPERIMENTS.md; issue 26): the planted common change's energy inside the shared subspace,
 * as a share of each task vector's energy (pooled over all matrices; the smallest task counts), and task arithmetic
 * under-serving it (validation-tuned lambda x k at most 0.6). Per seed; holds when every seed meets both.
 */
export interface MethodPremiseSummary {
  metric: string;
  /** Mean over seeds of min_i ||P_Z h||^2 / ||tau_i||^2 (0 when nothing is planted). */
  value: number;
  perSeed: number[];
  threshold: number;
  /** Share of the common change inside Z, and what same-size random subspaces hold, mean over seeds. */
  commonInside: number | null;
  commonChance: number | null;
  /** Share of each task vector's energy inside Z, mean over seeds. */
  tauInside: number[];
  /** Validation-tuned task arithmetic lambda x k, per seed. */
  lambdaK: number[];
  lambdaKThreshold: number;
  holds: boolean;
  /** Per matrix, first seed. */
  layers: PremiseLayer[];
}

export const METHOD_PREMISE_SHARE = 0.2;
export const METHOD_PREMISE_LAMBDA_K = 0.6;

export interface MethodSummary {
  id: string;
  title: string;
  formula: string;
  /** Chosen on validation, per seed. */
  params: GridPoint[];
  val: number;
  test: { estimate: number; ci95: [number, number] };
  perTask: number[];
  /** Validation accuracy and normalised accuracy (%) against lambda, mean over seeds (at each seed's chosen second coefficient for two-coefficient forms). */
  curve: { lambda: number; val: number; valNormalized: number }[];
  draws?: number[];
}

export interface FamilySummary {
  family: string;
  seeds: number[];
  tasks: string[];
  valPerTask: number;
  testPerTask: number;
  /** Test images per task on which the random-control draws are scored. */
  drawSubset: number;
  methods: MethodSummary[];
  premise: Premise;
  methodPremise: MethodPremiseSummary;
  primary: Comparison & { vsControl: Comparison; forms: string[]; controls: string[] };
  layers: LayerNull[];
  seconds: number;
  cpuSeconds: number;
}

const interval = (i: Interval) => ({ estimate: i.estimate, ci95: i.ci95 });

function curveOf(units: UnitResult[], id: string): MethodSummary['curve'] {
  const per = units.map((u) => {
    const m = u.methods.find((x) => x.id === id)!;
    const second = m.best.second;
    return m.curve.filter((c) => c.point.second === second);
  });
  return per[0].map((c, j) => ({ lambda: c.point.lambda, val: 100 * mean(per.map((p) => p[j].val)), valNormalized: 100 * mean(per.map((p) => p[j].valNormalized)) }));
}

export function summariseFamily(units: UnitResult[], tasks: string[]): FamilySummary {
  const flagsOf = (pick: (u: UnitResult) => string[]): CorrectFlags => units.map((u) => pick(u).map(decode));
  const methodFlags = (id: string) => flagsOf((u) => u.methods.find((m) => m.id === id)!.test);
  const rows: { id: string; title: string; formula: string; flags: CorrectFlags; params: GridPoint[]; val: number; curve: MethodSummary['curve']; draws?: number[] }[] = [];
  rows.push({ id: 'base', title: 'Base encoder + prototype heads', formula: 'θ₀', flags: flagsOf((u) => u.base.test), params: [], val: mean(units.map((u) => mean(u.base.val))), curve: [] });
  rows.push({ id: 'finetune', title: 'Individual fine-tunes', formula: 'θᵢ per task', flags: flagsOf((u) => u.finetune.test), params: [], val: mean(units.map((u) => mean(u.finetune.val))), curve: [] });
  for (const m of units[0].methods) {
    const ms: MethodResult[] = units.map((u) => u.methods.find((x) => x.id === m.id)!);
    const draws = ms[0].draws ? ms[0].draws.map((_, d) => mean(ms.map((x) => x.draws![d]))) : undefined;
    rows.push({ id: m.id, title: m.title, formula: m.formula, flags: methodFlags(m.id), params: ms.map((x) => x.best), val: mean(ms.map((x) => x.val)), curve: curveOf(units, m.id), draws });
  }
  const methods: MethodSummary[] = rows.map((r) => ({
    id: r.id, title: r.title, formula: r.formula, params: r.params, val: 100 * r.val,
    test: interval(meanAccuracy(r.flags, DRAWS)),
    perTask: tasks.map((_, t) => 100 * mean(r.flags.map((s) => acc(s[t])))),
    curve: r.curve, ...(r.draws ? { draws: r.draws.map((x) => 100 * x) } : {}),
  }));

  const ta = methodFlags('task_arithmetic');
  const base = flagsOf((u) => u.base.test);
  const p = pairedBootstrap(ta, base, DRAWS, 11);
  const premise: Premise = {
    metric: 'task arithmetic minus base encoder with the same heads: mean test accuracy over the tasks (points)',
    value: p.estimate, ci95: p.ci95, holds: p.estimate >= PREMISE_MARGIN && p.ci95[0] > 0, threshold: PREMISE_MARGIN,
  };
  const k = tasks.length;
  const perSeed = units.map((u) => {
    const m = u.methodPremise;
    return m.commonInside === null || !m.commonOverTau ? 0 : Math.min(...m.commonOverTau.map((r) => r * m.commonInside!));
  });
  const lambdaK = units.map((u) => u.methods.find((m) => m.id === 'task_arithmetic')!.best.lambda * k);
  const planted = units[0].methodPremise.commonInside !== null;
  const methodPremise: MethodPremiseSummary = {
    metric: "the planted common change's energy inside the shared subspace, as a share of each task vector's energy (pooled over all matrices; smallest task), and task arithmetic's validation-tuned lambda x k",
    value: mean(perSeed), perSeed, threshold: METHOD_PREMISE_SHARE,
    commonInside: planted ? mean(units.map((u) => u.methodPremise.commonInside!)) : null,
    commonChance: planted ? mean(units.map((u) => u.methodPremise.commonChance!)) : null,
    tauInside: tasks.map((_, t) => mean(units.map((u) => u.methodPremise.tauInside[t]))),
    lambdaK, lambdaKThreshold: METHOD_PREMISE_LAMBDA_K,
    holds: planted && perSeed.every((v) => v >= METHOD_PREMISE_SHARE) && lambdaK.every((v) => v <= METHOD_PREMISE_LAMBDA_K + 1e-9),
    layers: units[0].methodPremise.layers,
  };
  // Per seed: the method's form chosen on that seed's validation, and its best control in that form (also on validation).
  const forms = units.map((u) => u.bestForm);
  const controls = units.map((u) => u.methods.filter((m) => m.id.startsWith('control_')).reduce((b, m) => (m.val > b.val ? m : b)).id);
  const method: CorrectFlags = units.map((u, s) => u.methods.find((m) => m.id === forms[s])!.test.map(decode));
  const control: CorrectFlags = units.map((u, s) => u.methods.find((m) => m.id === controls[s])!.test.map(decode));
  const vsTa = pairedBootstrap(method, ta, DRAWS, 12), vsCtl = pairedBootstrap(method, control, DRAWS, 13);
  return {
    family: units[0].family, seeds: units.map((u) => u.seed), tasks, valPerTask: units[0].valPerTask, testPerTask: units[0].testPerTask, drawSubset: DRAW_SUBSET,
    methods, premise, methodPremise,
    primary: {
      comparison: `method (best form on validation: TA + shared or unique + shared once; rho ${units[0].methodPremise.energy}, eta ${units[0].methodPremise.eta}, ${units[0].methodPremise.side} side) minus task arithmetic, mean test accuracy (points)`,
      estimate: vsTa.estimate, ci95: vsTa.ci95, forms, controls,
      vsControl: { comparison: 'method minus its best same-size control (chosen on validation), mean test accuracy (points)', estimate: vsCtl.estimate, ci95: vsCtl.ci95 },
    },
    layers: units[0].layers,
    seconds: units.reduce((a, u) => a + u.seconds, 0),
    cpuSeconds: units.reduce((a, u) => a + u.cpuSeconds, 0),
  };
}
