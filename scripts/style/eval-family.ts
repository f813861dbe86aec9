/**
 * Evaluation of one family (planted or sibling): single styles, then per pair and for all three
 * styles the validation grids for c (scaled naive sum) and γ (secondary), the primary form (γ = 1),
 * the tuned settings and the unscaled naive sum on the test grid, the subspace controls and the
 * per-layer null model. Every edited model is the page's recipe (styleDemo.recipes) through the
 * engine's apply. docs/style-protocol.md is the protocol this implements.
 */
import { decodeSet } from '../../lib/demos/style/dataset/dataset';
import type { StyleFamilyName, StyleName } from '../../lib/demos/style/dataset/styles';
import type { LabEngine } from '../../lib/engine/lab-engine';
import type { DitConfig } from '../../lib/models/tiny-dit';
import type { DitSession } from '../../lib/onnx/dit-session';
import type { Recipe } from '../../lib/recipe/schema';
import { crossedBootstrap, gridDiff, type Grid } from '../../lib/stats/paired-bootstrap';
import type { StyleCalibration, StyleStats } from '../../lib/demos/style/scores';
import { subtract, type WeightSet } from '../../lib/tensors/weight-set';
import { pooledSharedEnergy } from '../../lib/demos/style/pooled-shared-energy';
import { STYLE_NAMES } from '../../lib/demos/style/dataset/styles';
import { styleDemo } from '../../lib/demos/style/style-demo';
import { styleBaseId, styleTaskId } from '../../lib/demos/style/style-recipes';
import { defaultStyleState, type StyleState } from '../../lib/demos/style/style-state';
import { houseDose, houseMask } from '../../lib/demos/style/house-dose';
import { cachedUnit, type UnitCache } from './eval-cache';
import { type LayerNull, sharedNullModel } from './eval-controls';
import { gridMetrics, type GridMetrics, summary } from './eval-metrics';
import { type CellGrid, cellCount, sampleGrid } from './eval-sampling';

export const C_GRID = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
/** γ grid for k styles: k x {0, 0.2, ..., 1}; its last point (γ = k, β = 1) IS the naive sum θ₀ + Σ τ_i. */
export const GAMMA_STEPS = [0, 0.2, 0.4, 0.6, 0.8, 1.0];
export const gammaGrid = (k: number) => GAMMA_STEPS.map((x) => Math.round(100 * k * x) / 100);
/** The pre-registered primary form (docs/style-protocol.md): the unique parts plus the shared part once. */
export const PRIMARY_GAMMA = 1;
export const KEEP = 0.8;
/**
 * The premise holds when the naive sum's extra house dose is above this with 95% confidence, and is
 * absent when its interval lies within +-this (one tenth of one house change; docs/style-models.md).
 */
export const PREMISE_MARGIN = 0.1;
/** ρ = 0.95: at 0.9 the shared subspace held 46.7% of the house change, under the 50% gate (docs/style-models.md, v3). */
export const DECOMPOSITION = { energy: 0.95, eta: 0.85, vectors: 'shared-mean' as const };

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
  /** Stored units (singles, each combination); null: compute everything in this process. */
  cache: UnitCache | null;
  log: (m: string) => void;
}

/**
 * The page's recipe for a panel (lib/demos/style/style-recipes.ts, through the demo contract), so the
 * evaluation measures exactly the models the page builds: naive with every λ = c, unique-only with
 * every β = 1 and γ. The engine holds one family at a time under the page's checkpoint ids.
 */
export function panelRecipe(styles: StyleName[], panel: 'naive' | 'unique_mix', v: { c?: number; gamma?: number }, control: 'none' | 'top-singular' | 'random' | 'energy-matched' = 'none', seed = 0): Recipe {
  const d = defaultStyleState(), each = (x: number) => Object.fromEntries(STYLE_NAMES.map((s) => [s, x])) as Record<StyleName, number>;
  const state: StyleState = { ...d, ...DECOMPOSITION, styles, naive: each(v.c ?? 1), beta: each(1), gamma: v.gamma ?? PRIMARY_GAMMA };
  const r = styleDemo.recipes(state).find((p) => p.id === panel)!.recipe!;
  return control === 'none' ? r : { ...r, decomposition: { ...r.decomposition, control, seed }, seed };
}
const naive = (styles: StyleName[], c: number) => panelRecipe(styles, 'naive', { c });
const mix = (styles: StyleName[], gamma: number, control: 'none' | 'top-singular' | 'random' | 'energy-matched' = 'none', seed = 0) => panelRecipe(styles, 'unique_mix', { gamma }, control, seed);

const grid = (g: CellGrid, values: Float64Array): Grid => ({ items: g.classes.length, seeds: g.seeds.length, values });

export interface Tuned { value: number; rows: { value: number; deltaE: number; ratios: number[]; equalsNaive?: boolean }[] }

/** Lowest validation Delta-E among values keeping every style >= KEEP of single; else the best worst-style ratio. */
export function pickSetting(rows: Tuned['rows']): number {
  const ok = rows.filter((r) => Math.min(...r.ratios) >= KEEP);
  if (ok.length) return ok.reduce((a, b) => (b.deltaE < a.deltaE ? b : a)).value;
  return rows.reduce((a, b) => (Math.min(...b.ratios) > Math.min(...a.ratios) ? b : a)).value;
}

type Measure = (ws: WeightSet, g: CellGrid, split: 'val' | 'test', combo: string) => Promise<GridMetrics & { images: Uint8Array }>;

/**
 * Per cell: the dose of the house change (lib/demos/style/house-dose.ts) on the pixels the combination's
 * house-free ground truth leaves blank, against its renders without and with the house.
 */
function comboDoses(ctx: FamilyContext, combo: string) {
  const plain = ctx.truth('test', combo, 'sibling'), house = ctx.truth('test', combo, 'planted');
  const masks = ctx.test.classes.map((_, i) => houseMask(plain, i)), S = ctx.test.seeds.length;
  return (images: Uint8Array) => Float64Array.from({ length: cellCount(ctx.test) }, (_, k) => houseDose(images, k, plain, house, Math.floor(k / S), masks[Math.floor(k / S)]));
}
const mean = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / a.length;

/** Subspace controls on the control grid (fewer cells) with the primary γ, and the per-layer null model. */
async function controlsOf(ctx: FamilyContext, styles: StyleName[], combo: string, methodWs: WeightSet, c: number, gamma: number, measure: Measure) {
  const { engine, base } = ctx;
  const ctrl = async (ws: WeightSet) => summary(await measure(ws, ctx.control, 'test', combo));
  const taus = styles.map((s) => subtract(ctx.tasks[s], base));
  // The energy-matched control is a decomposition option (lib/decompose/controls.ts), as on the merge and detox evaluations.
  const energy = mix(styles, gamma, 'energy-matched');
  const energyDims = (await engine.decompose(energy.models, energy.decomposition)).filter((d) => d.kind === 'matrix');
  const random = [];
  for (let d = 0; d < ctx.randomDraws; d++) random.push((await ctrl(await engine.apply(mix(styles, gamma, 'random', 1000 + d)))).deltaE);
  const controls = {
    grid: { icons: ctx.control.classes.length, seeds: ctx.control.seeds },
    method: await ctrl(methodWs),
    naive: await ctrl(await engine.apply(naive(styles, c))),
    topSingular: await ctrl(await engine.apply(mix(styles, gamma, 'top-singular'))),
    energyMatched: { ...(await ctrl(await engine.apply(energy))), dims: Object.fromEntries(energyDims.map((d) => [d.name, d.sharedDim])) },
    random: { draws: random.length, mean: random.reduce((s, x) => s + x, 0) / random.length, min: Math.min(...random), max: Math.max(...random), deltaE: random },
  };
  const nullModel: LayerNull[] = await sharedNullModel(taus, DECOMPOSITION);
  return { controls, nullModel };
}


/** The family's result, or null when the unit budget ran out first (run again to continue). */
export async function evaluateFamily(ctx: FamilyContext) {
  const { engine, session, cfg } = ctx;
  engine.addWeights(styleBaseId, ctx.base);
  for (const s of ctx.styles) engine.addWeights(styleTaskId(s), ctx.tasks[s]);
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
  const ratios = (m: GridMetrics, styles: StyleName[], split: 'val' | 'test'): number[] => styles.map((s) => m.scores[s] / Math.max(1e-9, singles[s][split].scores[s]));

  /** One combination (a pair, or all three styles): tuning on validation, the test settings, premise, primary, controls. */
  const comboUnit = async (styles: StyleName[]) => {
    const combo = styles.join('+'), k = styles.length;
    const tune = async (values: number[], recipeOf: (v: number) => Recipe, naiveAt?: number): Promise<Tuned> => {
      const rows: Tuned['rows'] = [];
      for (const v of values) {
        const m = await measure(await engine.apply(recipeOf(v)), ctx.val, 'val', combo);
        rows.push({ value: v, deltaE: summary(m).deltaE, ratios: ratios(m, styles, 'val'), ...(naiveAt !== undefined ? { equalsNaive: v === naiveAt } : {}) });
      }
      return { value: pickSetting(rows), rows };
    };
    const c = await tune(C_GRID, (v) => naive(styles, v));
    // Secondary (exploratory): γ tuned on validation. Its last grid point, γ = k, is the naive sum itself.
    const gamma = await tune(gammaGrid(k), (v) => mix(styles, v), k);
    ctx.log(`${ctx.family} ${combo}: tuned c = ${c.value}, γ = ${gamma.value}${gamma.value === k ? ' (= the naive sum)' : ''}`);

    const measureTest = async (r: Recipe) => measure(await engine.apply(r), ctx.test, 'test', combo);
    const naive1 = await measureTest(naive(styles, 1));
    const best = c.value === 1 ? naive1 : await measureTest(naive(styles, c.value));
    const primaryWs = await engine.apply(mix(styles, PRIMARY_GAMMA));
    const primary = await measure(primaryWs, ctx.test, 'test', combo);
    const tuned = gamma.value === PRIMARY_GAMMA ? primary : gamma.value === k ? naive1 : await measureTest(mix(styles, gamma.value));

    // Premise: the house change's dose in the naive sum against the single styles' (same icons, seeds and pixels).
    const dose = comboDoses(ctx, combo), singleDoses = styles.map((s) => dose(singles[s].test.images)), doseNaive1 = dose(naive1.images);
    const meanSingles = Float64Array.from(doseNaive1, (_, j) => singleDoses.reduce((a, d) => a + d[j], 0) / k);
    const premiseGrid = gridDiff(grid(ctx.test, doseNaive1), grid(ctx.test, meanSingles));
    // The first definition (before the sibling's first results): border ΔE, naive sum minus the singles.
    const singleBorder = Float64Array.from(naive1.borderDeltaE, (_, j) => styles.reduce((a, s) => a + singles[s].test.borderDeltaE[j], 0) / k);
    const borderGrid = gridDiff(grid(ctx.test, naive1.borderDeltaE), grid(ctx.test, singleBorder));
    const primaryGrid = gridDiff(grid(ctx.test, primary.deltaE), grid(ctx.test, best.deltaE));
    const tunedGrid = gridDiff(grid(ctx.test, tuned.deltaE), grid(ctx.test, best.deltaE));
    // The dose of the primary form against once (100%): |dose - 1| per cell.
    const primaryDose = dose(primary.images);

    const diags = (await engine.decompose({ base: styleBaseId, tasks: styles.map(styleTaskId) }, { ...DECOMPOSITION })).filter((d) => d.kind === 'matrix');
    const extra = ctx.controls ? await controlsOf(ctx, styles, combo, primaryWs, c.value, PRIMARY_GAMMA, measure) : null;
    const withShared = diags.filter((d) => d.sharedDim > 0).length;
    const row = {
      pair: styles, combo,
      tuning: { c, gamma: { ...gamma, equalsNaive: gamma.value === k } },
      test: {
        naive1: { ...summary(naive1), ratios: ratios(naive1, styles, 'test'), dose: mean(doseNaive1) },
        naive: { c: c.value, ...summary(best), ratios: ratios(best, styles, 'test'), dose: mean(dose(best.images)) },
        method: { gamma: PRIMARY_GAMMA, ...summary(primary), ratios: ratios(primary, styles, 'test'), dose: mean(primaryDose) },
        tunedGamma: { gamma: gamma.value, equalsNaive: gamma.value === k, ...summary(tuned), ratios: ratios(tuned, styles, 'test'), dose: mean(dose(tuned.images)) },
        singlesDose: singleDoses.map(mean),
      },
      premise: crossedBootstrap([premiseGrid]),
      borderPremise: crossedBootstrap([borderGrid]),
      primary: crossedBootstrap([primaryGrid]),
      primaryDose: crossedBootstrap([grid(ctx.test, primaryDose)]),
      tunedGamma: crossedBootstrap([tunedGrid]),
      grids: { premise: premiseGrid, borderPremise: borderGrid, primary: primaryGrid, tunedGamma: tunedGrid, primaryDose: grid(ctx.test, primaryDose) },
      shared: { matrices: diags.length, withShared, pooledSharedEnergy: pooledSharedEnergy(diags, ctx.base, styles.map((s) => ctx.tasks[s])) },
      controls: extra?.controls ?? null,
      nullModel: extra?.nullModel ?? null,
    };
    ctx.log(`${ctx.family} ${combo}: premise (dose) ${row.premise.estimate.toFixed(3)} [${row.premise.ci95.map((x) => x.toFixed(3)).join(', ')}], primary ${row.primary.estimate.toFixed(2)} [${row.primary.ci95.map((x) => x.toFixed(2)).join(', ')}], primary dose ${row.primaryDose.estimate.toFixed(2)}`);
    return row;
  };
  type ComboRow = Awaited<ReturnType<typeof comboUnit>>;
  const pairs: ComboRow[] = [];
  for (let a = 0; a < ctx.styles.length; a++)
    for (let b = a + 1; b < ctx.styles.length; b++) {
      const A = ctx.styles[a], B = ctx.styles[b];
      const row = await cachedUnit(ctx.cache, `pair-${A}+${B}`, () => comboUnit([A, B]));
      if (!row) return null;
      pairs.push(row);
    }
  const triple = ctx.styles.length > 2 ? await cachedUnit(ctx.cache, `combo-${ctx.styles.join('+')}`, () => comboUnit([...ctx.styles])) : undefined;
  if (triple === null) return null;

  const pooled = (key: keyof ComboRow['grids']) => crossedBootstrap(pairs.map((p) => p.grids[key]));
  const singleRows = Object.fromEntries(ctx.styles.map((s) => [s, { test: summary(singles[s].test), val: summary(singles[s].val) }])) as Record<StyleName, { test: ReturnType<typeof summary>; val: ReturnType<typeof summary> }>;
  const keptBy = (form: 'method' | 'naive') => pairs.filter((p) => Math.min(...p.test[form].ratios) >= KEEP).length;
  const strip = <T extends { grids: unknown }>({ grids, ...rest }: T) => (void grids, rest);
  return {
    family: ctx.family,
    cells: { test: cellCount(ctx.test), val: cellCount(ctx.val), control: cellCount(ctx.control) },
    singles: singleRows,
    premise: pooled('premise'),
    borderPremise: pooled('borderPremise'),
    primary: pooled('primary'),
    primaryDose: pooled('primaryDose'),
    tunedGamma: pooled('tunedGamma'),
    kept: { primary: keptBy('method'), naive: keptBy('naive'), pairs: pairs.length },
    pairs: pairs.map(strip),
    triple: triple ? strip(triple) : null,
  };
}

export type FamilyResult = Awaited<ReturnType<typeof evaluateFamily>>;
export type { StyleStats };
