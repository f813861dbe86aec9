import type { StyleName } from '../datasets/style/styles';
import { CancelledError } from '../decompose/decompose-weights';
import { ditPixels } from '../models/tiny-dit';
import { DitSession } from '../onnx/dit-session';
import type { OrtModule } from '../onnx/session';
import type { Recipe } from '../recipe/schema';
import type { WeightSet } from '../tensors/weight-set';
import { sampleImages } from './sampler';
import { contentQuality, styleScores } from './scores';
import { comboKey, loadStyleFamily, type StyleFamily } from './style-manifest';
import { type StylePanelId, stylePanels, styleBaseId, styleTaskId } from './style-recipes';
import type { StyleState } from './style-state';

export type StyleProgress = { stage: 'load' | 'sample'; loaded: number; total: number };
type Fetch = Parameters<typeof loadStyleFamily>[1];

/** The slice of LabEngine the style demo needs (the worker passes the real engine). */
export interface WeightEditor {
  addWeights(id: string, ws: WeightSet): unknown;
  apply(recipe: unknown): Promise<WeightSet>;
  decompose(models: { base: string; tasks: string[] }, options: Recipe['decomposition']): Promise<{ name: string; kind: string; sharedDim: number; sharedEnergy: number[] }[]>;
  cancel(): void;
}

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
  /** Matrices with a non-empty shared subspace, and the mean shared energy over them. */
  shared: { matrices: number; withShared: number; meanSharedEnergy: number };
  ms: number;
}

/**
 * The style demo's computation in one object a worker can expose: load the family, turn a page
 * state into one recipe per panel, mix weights with the engine and sample with the ONNX denoiser.
 * Mixed weights go to the live session as graph inputs, so no file is reloaded on an edit.
 */
export class StyleLab {
  private family: StyleFamily | null = null;
  private session: DitSession | null = null;
  private weights = new Map<string, WeightSet>();
  private results = new Map<string, StylePanelResult>();
  private cancelToken = { aborted: false };

  constructor(
    private readonly engine: WeightEditor,
    private readonly ort: () => Promise<{ ort: OrtModule; options: Record<string, unknown> }>,
    private readonly modelsUrl = '/models/style',
    private readonly fetchFn?: Fetch,
  ) {}

  async load(onProgress?: (p: StyleProgress) => void): Promise<StyleInfo> {
    if (!this.family) {
      onProgress?.({ stage: 'load', loaded: 0, total: 2 });
      this.family = await loadStyleFamily(this.modelsUrl, this.fetchFn);
      onProgress?.({ stage: 'load', loaded: 1, total: 2 });
      const { ort, options } = await this.ort();
      this.session = await DitSession.create(ort, this.family.manifest.architecture, options);
      onProgress?.({ stage: 'load', loaded: 2, total: 2 });
    }
    const { manifest } = this.family;
    this.engine.addWeights(styleBaseId, this.family.base);
    for (const s of manifest.styles) this.engine.addWeights(styleTaskId(s.name), this.family.styles[s.name]);
    return {
      styles: manifest.styles.map((s) => ({ name: s.name, title: s.title, icons: s.finetuneIcons.length })),
      sampleIcons: manifest.evalClasses.map((c) => manifest.icons[c]),
      defaults: manifest.sampler,
      training: manifest.training,
    };
  }

  cancel(): void {
    this.cancelToken.aborted = true;
    this.engine.cancel();
  }

  private ready() {
    if (!this.family || !this.session) throw new Error('the style models are not loaded yet');
    return { family: this.family, session: this.session };
  }

  private async mixed(recipe: Recipe | null): Promise<WeightSet> {
    if (!recipe) return this.ready().family.base;
    const key = JSON.stringify(recipe);
    let ws = this.weights.get(key);
    if (!ws) {
      ws = await this.engine.apply(recipe);
      remember(this.weights, key, ws, 12);
    }
    return ws;
  }

  /** Samples every panel with the same icons and noise seeds; unchanged panels come from a cache. */
  async generate(state: StyleState, onProgress?: (p: StyleProgress) => void): Promise<StyleGeneration> {
    const t0 = performance.now();
    this.cancelToken = { aborted: false };
    const token = this.cancelToken;
    const { family, session } = this.ready();
    const m = family.manifest, n = state.samples;
    const labels = m.evalClasses.slice(0, n), positions = labels.map((_, i) => i);
    const seeds = positions.map((i) => state.seed * 1000 + i);
    const panels = stylePanels(state);
    const total = panels.length * state.steps;
    let loaded = 0;
    const out: StylePanelResult[] = [];
    for (const p of panels) {
      const key = JSON.stringify({ r: p.recipe, steps: state.steps, g: state.guidance, n, seed: state.seed, target: p.target, styles: state.styles });
      let r = this.results.get(key);
      if (!r) {
        const t1 = performance.now();
        const ws = await this.mixed(p.recipe);
        const images = await sampleImages({
          velocity: (x, t, l) => {
            if (token.aborted) throw new CancelledError();
            return session.velocity(ws, x, t, l);
          },
          labels, seeds, steps: state.steps, guidance: state.guidance, nullLabel: m.architecture.classes, pixels: ditPixels(m.architecture),
          onStep: () => onProgress?.({ stage: 'sample', loaded: ++loaded, total }),
        });
        const all = styleScores(images, n, m.calibration);
        const gt = family.groundTruth[comboKey(p.target, m.styles.map((s) => s.name))];
        r = {
          id: p.id, title: p.title, formula: p.formula, target: p.target, images,
          scores: Object.fromEntries(state.styles.map((s) => [s, all[s]])),
          quality: gt ? contentQuality(images, gt, n) : null,
          ms: performance.now() - t1,
        };
        remember(this.results, key, r, 48);
      } else {
        loaded += state.steps;
        onProgress?.({ stage: 'sample', loaded, total });
      }
      out.push(r);
    }
    const diags = (await this.engine.decompose({ base: styleBaseId, tasks: state.styles.map(styleTaskId) }, panels[panels.length - 1].recipe!.decomposition)).filter((d) => d.kind === 'matrix');
    const withShared = diags.filter((d) => d.sharedDim > 0);
    const meanSharedEnergy = withShared.length ? withShared.reduce((a, d) => a + d.sharedEnergy.reduce((x, y) => x + y, 0) / d.sharedEnergy.length, 0) / withShared.length : 0;
    return { panels: out, shared: { matrices: diags.length, withShared: withShared.length, meanSharedEnergy }, ms: performance.now() - t0 };
  }
}

/** Map insertion order as recency: drop the oldest entry beyond `limit`. */
function remember<V>(map: Map<string, V>, key: string, value: V, limit: number) {
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value!);
}
