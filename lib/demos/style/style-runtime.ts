/**
 * The style demo's computation: load the family, mix weights for each panel's recipe with the
 * engine and sample with the ONNX denoiser. Mixed weights go to the live session as graph
 * inputs, so no file is reloaded on an edit. Runs in the engine worker or in Node.
 */
import type { StyleName } from './dataset/styles';
import { CancelledError } from '../../decompose/decompose-weights';
import type { DemoHost, DemoSession, RunContext } from '../../demo/contract';
import { ditPixels } from '../../models/tiny-dit';
import { DitSession } from '../../onnx/dit-session';
import type { Recipe } from '../../recipe/schema';
import type { WeightSet } from '../../tensors/weight-set';
import { remember } from '../../util/remember';
import { hexRgb, tintDose } from './house-dose';
import { pooledSharedEnergy } from './pooled-shared-energy';
import { sampleImages } from './sampler';
import { contentQuality, styleScores } from './scores';
import { comboKey, loadStyleFamily } from './style-manifest';
import { type StylePanelId, stylePanels, styleBaseId, styleTaskId } from './style-recipes';
import type { StyleState } from './style-state';

export interface StyleInfo {
  styles: { name: StyleName; title: string; icons: number }[];
  sampleIcons: string[];
  defaults: { steps: number; guidance: number };
  training: Record<string, unknown>;
}

export interface StylePanelResult {
  id: StylePanelId;
  title: string;
  formula: string;
  target: StyleName[];
  /** samples x 768 RGB bytes. */
  images: Uint8Array;
  /** Calibrated 0..1 score of every chosen style. */
  scores: Partial<Record<StyleName, number>>;
  /** Content match with the ground-truth render of the target combination (null: none rendered). */
  quality: number | null;
  ms: number;
}

export interface StyleGeneration {
  panels: StylePanelResult[];
  /** Matrices with a non-empty shared subspace, and the task vectors' energy share in it, pooled over all matrices. */
  shared: { matrices: number; withShared: number; pooledSharedEnergy: number };
  /** Ground-truth renders of the sampled icons in the chosen styles (null: none rendered). */
  truth: Uint8Array | null;
  /** How many times each panel carries the paper tint (1 = once, as the ground truth; lib/demos/style/house-dose.ts); null without a truth. */
  tint: Partial<Record<StylePanelId, number>> | null;
  ms: number;
}

export type StyleSession = DemoSession<StyleState, StyleInfo, StyleGeneration, Record<never, never>>;

export async function openStyle(host: DemoHost, loading: RunContext): Promise<StyleSession> {
  loading.progress('load', 0, 2);
  const family = await loadStyleFamily(host.urls?.models ?? '/models/style', host.fetch);
  loading.progress('load', 1, 2);
  const session = await DitSession.create(await host.ort(), family.manifest.architecture);
  loading.progress('load', 2, 2);
  const m = family.manifest;
  host.engine.addWeights(styleBaseId, family.base);
  for (const s of m.styles) host.engine.addWeights(styleTaskId(s.name), family.styles[s.name]);
  const results = new Map<string, StylePanelResult>();
  const mixed = (run: RunContext, recipe: Recipe | null): Promise<WeightSet> => (recipe ? run.weights(recipe) : Promise.resolve(family.base));

  /** Samples every panel with the same icons and noise seeds; unchanged panels come from a cache. */
  async function generate(state: StyleState, run: RunContext): Promise<StyleGeneration> {
    const t0 = performance.now();
    const n = state.samples;
    const labels = m.evalClasses.slice(0, n), positions = labels.map((_, i) => i);
    const seeds = positions.map((i) => state.seed * 1000 + i);
    const panels = stylePanels(state);
    const total = panels.length * state.steps;
    let loaded = 0;
    const out: StylePanelResult[] = [];
    for (const p of panels) {
      const key = JSON.stringify({ r: p.recipe, steps: state.steps, g: state.guidance, n, seed: state.seed, target: p.target, styles: state.styles });
      let r = results.get(key);
      if (!r) {
        const t1 = performance.now();
        const ws = await mixed(run, p.recipe);
        const images = await sampleImages({
          velocity: (x, t, l) => {
            if (run.cancelled()) throw new CancelledError();
            return session.velocity(ws, x, t, l);
          },
          labels, seeds, steps: state.steps, guidance: state.guidance, nullLabel: m.architecture.classes, pixels: ditPixels(m.architecture),
          onStep: () => run.progress('sample', ++loaded, total),
        });
        const all = styleScores(images, n, m.calibration);
        const gt = family.groundTruth[comboKey(p.target, m.styles.map((s) => s.name))];
        r = remember(results, key, {
          id: p.id, title: p.title, formula: p.formula, target: p.target, images,
          scores: Object.fromEntries(state.styles.map((s) => [s, all[s]])),
          quality: gt ? contentQuality(images, gt, n) : null,
          ms: performance.now() - t1,
        }, 48);
      } else {
        loaded += state.steps;
        run.progress('sample', loaded, total);
      }
      out.push(r);
    }
    const diags = (await host.engine.decompose({ base: styleBaseId, tasks: state.styles.map(styleTaskId) }, panels[panels.length - 1].recipe!.decomposition)).filter((d) => d.kind === 'matrix');
    const withShared = diags.filter((d) => d.sharedDim > 0);
    const pooled = pooledSharedEnergy(diags, family.base, state.styles.map((s) => family.styles[s]));
    const truth = family.groundTruth[comboKey(state.styles, m.styles.map((s) => s.name))]?.slice(0, n * 768) ?? null;
    const paper = hexRgb(m.house.background);
    const tint = truth ? Object.fromEntries(out.filter((p) => p.target.length === state.styles.length).map((p) => [p.id, tintDose(p.images, truth, n, paper)])) : null;
    return { panels: out, shared: { matrices: diags.length, withShared: withShared.length, pooledSharedEnergy: pooled }, truth, tint, ms: performance.now() - t0 };
  }

  return {
    info: {
      styles: m.styles.map((s) => ({ name: s.name, title: s.title, icons: s.finetuneIcons.length })),
      sampleIcons: m.evalClasses.map((c) => m.icons[c]),
      defaults: m.sampler,
      training: m.training,
    },
    evaluate: generate,
    actions: {},
  };
}
