/**
 * Evaluation of one family (planted or sibling): single styles, then per pair the validation
 * grids for c (scaled naive sum) and gamma (unique-only mixing), the tuned settings and the
 * unscaled naive sum on the test grid, the subspace controls and the per-layer null model.
 * docs/style-models.md ("Evaluation plan") is the protocol this implements.
 */
import { decodeSet } from '../../lib/datasets/style/dataset';
import type { StyleFamilyName, StyleName } from '../../lib/datasets/style/styles';
import type { LabEngine } from '../../lib/engine/lab-engine';
import type { DitConfig } from '../../lib/models/tiny-dit';
import type { DitSession } from '../../lib/onnx/dit-session';
import { RECIPE_VERSION, type Recipe } from '../../lib/recipe/schema';
import { crossedBootstrap, gridDiff, type Grid } from '../../lib/stats/paired-bootstrap';
import type { StyleCalibration, StyleStats } from '../../lib/style/scores';
import { subtract, type WeightSet } from '../../lib/tensors/weight-set';
import { decomposeWeights } from '../../lib/decompose/decompose-weights';
import { tfEngine } from '../../lib/linalg/tf-engine';
import { energyMatched } from '../../lib/merge/energy-matched';
import { applyRecipe } from '../../lib/recipe/apply';
import { houseDose, houseMask } from '../../lib/style/house-dose';
import { cachedUnit, type UnitCache } from './eval-cache';
import { type LayerNull, sharedNullModel } from './eval-controls';
import { gridMetrics, type GridMetrics, summary } from './eval-metrics';
import { type CellGrid, cellCount, sampleGrid } from './eval-sampling';

export const C_GRID = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
export const GAMMA_GRID = [0, 0.4, 0.8, 1.2, 1.6, 2.0];
export const KEEP = 0.8;
/**
 * The premise holds when the naive sum's extra house dose is above this with 95% confidence, and is
 * absent when its interval lies within +-this (one tenth of one house change; docs/style-models.md).
 */
export const PREMISE_MARGIN = 0.1;
export const DECOMPOSITION = { energy: 0.9, eta: 0.85, vectors: 'shared-mean' as const };

export interface FamilyContext {
  family: StyleFamilyName;
  styles: StyleName[];
  engine: LabEngine;
  session: DitSession;
  cfg: DitConfig;
  base: WeightSet;
  tasks: Record<string, WeightSet>;
  cal: StyleCalibration;
  sampler: { steps: number; guidance: number };
  /** Ground truth of a combo ("red", "red+badge") on a split, one render per icon of that split (this family's unless named). */
  truth: (split: 'val' | 'test', combo: string, family?: StyleFamilyName) => Uint8Array;
  val: CellGrid;
  test: CellGrid;
  control: CellGrid;
  randomDraws: number;
  /** Subspace controls and the null model (skipped: null in the result). */
  controls: boolean;
  /** Stored units (singles, each pair); null: compute everything in this process. */
  cache: UnitCache | null;
  log: (m: string) => void;
}

const ids = (f: StyleFamilyName, s: StyleName) => `style/${f}/${s}`;

function recipe(ctx: FamilyContext, pair: StyleName[], terms: Recipe['terms'], control: 'none' | 'top-singular' | 'random' = 'none', seed = 0): Recipe {
  return {
    version: RECIPE_VERSION,
    models: { family: 'style', base: 'style/base', tasks: pair.map((s) => ids(ctx.family, s)) },
    decomposition: { ...DECOMPOSITION, side: 'left', maxRank: null, over: null, control, seed },
    terms,
    method: { name: 'task_arithmetic', lambda: 1 },
    seed,
  };
}
const naiveTerms = (c: number): Recipe['terms'] => [0, 1].map((task) => ({ task, part: 'full' as const, coefficient: c }));
const mixTerms = (gamma: number): Recipe['terms'] => [
  ...[0, 1].map((task) => ({ task, part: 'unique' as const, coefficient: 1 })),
  ...[0, 1].map((task) => ({ task, part: 'shared' as const, coefficient: gamma / 2 })),
];

const grid = (g: CellGrid, values: Float64Array): Grid => ({ items: g.classes.length, seeds: g.seeds.length, values });

export interface Tuned { value: number; rows: { value: number; deltaE: number; ratios: [number, number] }[] }

/** Lowest validation Delta-E among values keeping both styles >= KEEP of single; else the best worst-style ratio. */
export function pickSetting(rows: Tuned['rows']): number {
  const ok = rows.filter((r) => Math.min(...r.ratios) >= KEEP);
  if (ok.length) return ok.reduce((a, b) => (b.deltaE < a.deltaE ? b : a)).value;
  return rows.reduce((a, b) => (Math.min(...b.ratios) > Math.min(...a.ratios) ? b : a)).value;
}

type Measure = (ws: WeightSet, g: CellGrid, split: 'val' | 'test', combo: string) => Promise<GridMetrics & { images: Uint8Array }>;

/**
 * Per cell: the dose of the house change (lib/style/house-dose.ts) on the pixels the pair's
 * house-free ground truth leaves blank, against the pair's renders without and with the house.
 */
function pairDoses(ctx: FamilyContext, combo: string) {
  const plain = ctx.truth('test', combo, 'sibling'), house = ctx.truth('test', combo, 'planted');
  const masks = ctx.test.classes.map((_, i) => houseMask(plain, i)), S = ctx.test.seeds.length;
  return (images: Uint8Array) => Float64Array.from({ length: cellCount(ctx.test) }, (_, k) => houseDose(images, k, plain, house, Math.floor(k / S), masks[Math.floor(k / S)]));
}
const mean = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / a.length;

/** Subspace controls on the control grid (fewer cells) with the tuned gamma, and the per-layer null model. */
async function controlsOf(ctx: FamilyContext, pair: StyleName[], combo: string, methodWs: WeightSet, c: number, gamma: number, measure: Measure) {
  const { engine, base } = ctx;
  const ctrl = async (ws: WeightSet) => summary(await measure(ws, ctx.control, 'test', combo));
  const taus = pair.map((s) => subtract(ctx.tasks[s], base));
  // The energy-matched control as the merge and detox pages define it (lib/merge/energy-matched.ts).
  const mix = recipe(ctx, pair, mixTerms(gamma));
  const energyDec = energyMatched(await decomposeWeights(base, pair.map((s) => ctx.tasks[s]), mix.decomposition, tfEngine));
  const energyWs = applyRecipe(mix, base, energyDec);
  const random = [];
  for (let d = 0; d < ctx.randomDraws; d++) random.push((await ctrl(await engine.apply(recipe(ctx, pair, mixTerms(gamma), 'random', 1000 + d)))).deltaE);
  const controls = {
    grid: { icons: ctx.control.classes.length, seeds: ctx.control.seeds },
    method: await ctrl(methodWs),
    naive: await ctrl(await engine.apply(recipe(ctx, pair, naiveTerms(c)))),
    topSingular: await ctrl(await engine.apply(recipe(ctx, pair, mixTerms(gamma), 'top-singular'))),
    energyMatched: { ...(await ctrl(energyWs)), dims: Object.fromEntries(energyDec.diagnostics.filter((d) => d.kind === 'matrix').map((d) => [d.name, d.sharedDim])) },
    random: { draws: random.length, mean: random.reduce((s, x) => s + x, 0) / random.length, min: Math.min(...random), max: Math.max(...random), deltaE: random },
  };
  const nullModel: LayerNull[] = await sharedNullModel(taus, DECOMPOSITION);
  return { controls, nullModel };
}

/** The family's result, or null when the unit budget ran out first (run again to continue). */
export async function evaluateFamily(ctx: FamilyContext) {
  const { engine, session, cfg } = ctx;
  engine.addWeights('style/base', ctx.base);
  for (const s of ctx.styles) engine.addWeights(ids(ctx.family, s), ctx.tasks[s]);
  const sample = (ws: WeightSet, g: CellGrid) => sampleGrid(session, ws, cfg, g, ctx.sampler);
  const measure: Measure = async (ws, g, split, combo) => {
    const images = await sample(ws, g);
    return { ...gridMetrics(images, ctx.truth(split, combo), g, ctx.cal), images };
  };

  type Single = { val: GridMetrics; test: GridMetrics & { images: Uint8Array } };
  const singles = await cachedUnit(ctx.cache, 'singles', async () => {
    const out: Record<string, Single> = {};
    for (const s of ctx.styles) {
      const val = await measure(ctx.tasks[s], ctx.val, 'val', s);
      out[s] = { val: { ...val, images: undefined } as unknown as GridMetrics, test: await measure(ctx.tasks[s], ctx.test, 'test', s) };
      ctx.log(`${ctx.family} single ${s}: test ΔE ${summary(out[s].test).deltaE.toFixed(2)}, score ${out[s].test.scores[s].toFixed(2)}`);
    }
    return out;
  });
  if (!singles) return null;
  const ratios = (m: GridMetrics, A: StyleName, B: StyleName, split: 'val' | 'test'): [number, number] => [m.scores[A] / Math.max(1e-9, singles[A][split].scores[A]), m.scores[B] / Math.max(1e-9, singles[B][split].scores[B])];

  const pairUnit = async (A: StyleName, B: StyleName) => {
      const pair = [A, B], combo = `${A}+${B}`;
      const tune = async (values: number[], terms: (v: number) => Recipe['terms']): Promise<Tuned> => {
        const rows: Tuned['rows'] = [];
        for (const v of values) {
          const m = await measure(await engine.apply(recipe(ctx, pair, terms(v))), ctx.val, 'val', combo);
          rows.push({ value: v, deltaE: summary(m).deltaE, ratios: ratios(m, A, B, 'val') });
        }
        return { value: pickSetting(rows), rows };
      };
      const c = await tune(C_GRID, naiveTerms), gamma = await tune(GAMMA_GRID, mixTerms);
      ctx.log(`${ctx.family} ${combo}: tuned c = ${c.value}, γ = ${gamma.value}`);

      const naive1 = await measure(await engine.apply(recipe(ctx, pair, naiveTerms(1))), ctx.test, 'test', combo);
      const naive = c.value === 1 ? naive1 : await measure(await engine.apply(recipe(ctx, pair, naiveTerms(c.value))), ctx.test, 'test', combo);
      const methodWs = await engine.apply(recipe(ctx, pair, mixTerms(gamma.value)));
      const method = await measure(methodWs, ctx.test, 'test', combo);

      // Premise: the house change's dose in the naive sum against the single styles' (same icons, seeds and pixels).
      const dose = pairDoses(ctx, combo), doseA = dose(singles[A].test.images), doseB = dose(singles[B].test.images), doseNaive1 = dose(naive1.images);
      const premiseGrid = gridDiff(grid(ctx.test, doseNaive1), grid(ctx.test, Float64Array.from(doseA, (x, k) => (x + doseB[k]) / 2)));
      // The first definition (before the sibling's first results): border ΔE, naive sum minus the singles.
      const singleBorder = Float64Array.from(naive1.borderDeltaE, (_, k) => (singles[A].test.borderDeltaE[k] + singles[B].test.borderDeltaE[k]) / 2);
      const borderGrid = gridDiff(grid(ctx.test, naive1.borderDeltaE), grid(ctx.test, singleBorder));
      const primaryGrid = gridDiff(grid(ctx.test, method.deltaE), grid(ctx.test, naive.deltaE));

      const diags = (await engine.decompose({ base: 'style/base', tasks: pair.map((s) => ids(ctx.family, s)) }, { ...DECOMPOSITION })).filter((d) => d.kind === 'matrix');
      const extra = ctx.controls ? await controlsOf(ctx, pair, combo, methodWs, c.value, gamma.value, measure) : null;
      const shares = diags.filter((d) => d.sharedDim > 0);
      const row = {
        pair, combo,
        tuning: { c, gamma },
        test: {
          naive1: { ...summary(naive1), ratios: ratios(naive1, A, B, 'test'), dose: mean(doseNaive1) },
          naive: { c: c.value, ...summary(naive), ratios: ratios(naive, A, B, 'test'), dose: mean(dose(naive.images)) },
          method: { gamma: gamma.value, ...summary(method), ratios: ratios(method, A, B, 'test'), dose: mean(dose(method.images)) },
          singlesDose: [mean(doseA), mean(doseB)],
        },
        premise: crossedBootstrap([premiseGrid]),
        borderPremise: crossedBootstrap([borderGrid]),
        primary: crossedBootstrap([primaryGrid]),
        grids: { premise: premiseGrid, borderPremise: borderGrid, primary: primaryGrid },
        shared: { matrices: diags.length, withShared: shares.length, meanSharedEnergy: shares.length ? shares.reduce((s, d) => s + d.sharedEnergy.reduce((x, y) => x + y, 0) / d.sharedEnergy.length, 0) / shares.length : 0 },
        controls: extra?.controls ?? null,
        nullModel: extra?.nullModel ?? null,
      };
      ctx.log(`${ctx.family} ${combo}: premise (dose) ${row.premise.estimate.toFixed(3)} [${row.premise.ci95.map((x) => x.toFixed(3)).join(', ')}], border ΔE ${row.borderPremise.estimate.toFixed(2)}, primary ${row.primary.estimate.toFixed(2)} [${row.primary.ci95.map((x) => x.toFixed(2)).join(', ')}]`);
      return row;
  };
  const pairs = [];
  for (let a = 0; a < ctx.styles.length; a++)
    for (let b = a + 1; b < ctx.styles.length; b++) {
      const A = ctx.styles[a], B = ctx.styles[b];
      const row = await cachedUnit(ctx.cache, `pair-${A}+${B}`, () => pairUnit(A, B));
      if (!row) return null;
      pairs.push(row);
    }

  const premise = crossedBootstrap(pairs.map((p) => p.grids.premise));
  const borderPremise = crossedBootstrap(pairs.map((p) => p.grids.borderPremise));
  const primary = crossedBootstrap(pairs.map((p) => p.grids.primary));
  const singleRows = Object.fromEntries(ctx.styles.map((s) => [s, { test: summary(singles[s].test), val: summary(singles[s].val) }])) as Record<StyleName, { test: ReturnType<typeof summary>; val: ReturnType<typeof summary> }>;
  return {
    family: ctx.family,
    cells: { test: cellCount(ctx.test), val: cellCount(ctx.val), control: cellCount(ctx.control) },
    singles: singleRows,
    premise,
    borderPremise,
    primary,
    pairs: pairs.map(({ grids, ...rest }) => rest),
  };
}

export type FamilyResult = Awaited<ReturnType<typeof evaluateFamily>>;
export type { StyleStats };
