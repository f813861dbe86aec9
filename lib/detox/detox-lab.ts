import { EVAL_PROMPTS } from '../datasets/detox/registers';
import { CancelledError } from '../decompose/decompose-weights';
import type { LabEngine } from '../engine/lab-engine';
import { CharGptSession } from '../onnx/char-gpt-session';
import type { OrtModule } from '../onnx/session';
import { type CharTokenizer, makeCharTokenizer } from '../text/char-tokenizer';
import type { WeightSet } from '../tensors/weight-set';
import { detoxIds, type DetoxMethodId, detoxMethods } from './detox-recipes';
import type { DetoxState } from './detox-state';
import { type DetoxManifest, loadDetoxFamily } from './load-models';
import { maskText } from './mask';
import { scoreGenerations, type ToxicityScore } from './score';
import type { WordMatcher } from './word-hash';

export type DetoxProgress = { stage: 'load' | 'generate' | 'evaluate'; loaded: number; total: number };

export interface Generation {
  /** Listed words masked (x***); the trailing unfinished word fully hidden while streaming. */
  masked: string;
  raw: string;
  toxic: boolean;
}

export interface TradeOffPoint {
  lambda: number;
  toxicShare: number;
  bitsPerChar: number;
  factAccuracy: number;
}

/** What `npm run eval:detox` measured (public/models/detox/eval.json), shown beside the live numbers. */
export interface ShippedEvaluation {
  sweeps: { plain: TradeOffPoint[]; unique: TradeOffPoint[]; control?: TradeOffPoint[] };
  rows: { method: string; lambda?: number | null; toxicity: { full: ToxicityScore; heldout: ToxicityScore }; bitsPerChar: number; factAccuracy: number }[];
}

export interface LiveToxicity {
  id: DetoxMethodId;
  full: ToxicityScore;
  heldout: ToxicityScore;
}

/**
 * The detox demo's computation for a worker: the three shipped char GPTs, the four edits as
 * recipes, streamed generation on onnxruntime and a live toxicity measure.
 */
export class DetoxLab {
  private manifest: DetoxManifest | null = null;
  private session: CharGptSession | null = null;
  private tokenizer: CharTokenizer | null = null;
  private matchers: { full: WordMatcher; heldout: WordMatcher } | null = null;
  private cancelToken = { aborted: false };
  private evaluation: ShippedEvaluation | null = null;

  constructor(
    private readonly engine: LabEngine,
    private readonly ort: () => Promise<{ ort: OrtModule; options: Record<string, unknown> }>,
    private readonly url = '/models/detox',
  ) {}

  async load(onProgress?: (p: DetoxProgress) => void): Promise<{ parameters: number; evaluation: ShippedEvaluation | null }> {
    if (!this.manifest) {
      onProgress?.({ stage: 'load', loaded: 0, total: 3 });
      const family = await loadDetoxFamily(this.url);
      this.manifest = family.manifest;
      this.engine.addWeights(detoxIds.base, family.models.base);
      this.engine.addWeights(detoxIds.toxic, family.models.toxic);
      this.engine.addWeights(detoxIds.benign, family.models.benign);
      this.evaluation = family.evaluation as ShippedEvaluation | null;
      onProgress?.({ stage: 'load', loaded: 1, total: 3 });
      this.matchers = family.matchers;
      this.tokenizer = makeCharTokenizer(this.manifest.vocab);
      onProgress?.({ stage: 'load', loaded: 2, total: 3 });
      const { ort, options } = await this.ort();
      this.session = await CharGptSession.create(ort, this.manifest.config, options);
      onProgress?.({ stage: 'load', loaded: 3, total: 3 });
    }
    return { parameters: this.manifest.parameters, evaluation: this.evaluation };
  }

  cancel(): void {
    this.cancelToken.aborted = true;
  }

  private ready() {
    if (!this.session || !this.tokenizer || !this.matchers) throw new Error('the detox models are not loaded yet');
    return { session: this.session, tok: this.tokenizer, matchers: this.matchers };
  }

  /** Masks listed words; while streaming, an unfinished trailing word is hidden whole. */
  mask(text: string, finished: boolean): string {
    const { matchers } = this.ready();
    const masked = maskText(text, matchers.full);
    if (finished) return masked;
    return masked.replace(/[A-Za-z]+$/, (w) => '*'.repeat(w.length));
  }

  /** One continuation of the prompt per method, with the same seed, streamed character by character. */
  async generate(state: DetoxState, onText?: (id: DetoxMethodId, masked: string) => void): Promise<Record<string, Generation>> {
    const { session, tok, matchers } = this.ready();
    this.cancelToken = { aborted: false };
    const out: Record<string, Generation> = {};
    for (const m of detoxMethods(state)) {
      const ws: WeightSet = await this.engine.apply(m.recipe);
      let raw = '';
      await session.generate(
        ws,
        [tok.encode(`${state.prompt} `)],
        {
          maxNewChars: state.maxChars,
          temperature: state.temperature,
          topK: state.topK,
          seed: state.seed,
          stopIds: tok.encode('\n'),
          onToken: (_, id) => {
            raw += tok.decode([id]);
            onText?.(m.id, this.mask(raw, false));
          },
        },
        () => this.cancelToken.aborted,
      );
      if (this.cancelToken.aborted) throw new CancelledError();
      raw = raw.split('\n')[0];
      out[m.id] = { raw, masked: this.mask(raw, true), toxic: scoreGenerations([raw], matchers.full).toxicShare > 0 };
      onText?.(m.id, out[m.id].masked);
    }
    return out;
  }

  /** Per-layer diagnostics of the toxic/benign decomposition unique negation uses. */
  async layers(state: DetoxState) {
    const r = detoxMethods(state).find((m) => m.id === 'unique')!.recipe;
    return this.engine.decompose(r.models, r.decomposition);
  }

  /**
   * Live toxicity: the evaluation prompts x `seedsPerPrompt` seeds, 24 characters each, scored
   * with the full word list and with the held-out half the toxic fine-tune never saw.
   */
  async toxicity(state: DetoxState, onProgress?: (p: DetoxProgress) => void): Promise<LiveToxicity[]> {
    const { session, tok, matchers } = this.ready();
    this.cancelToken = { aborted: false };
    const methods = detoxMethods(state);
    const prompts = EVAL_PROMPTS.flatMap((p) => Array.from({ length: state.seedsPerPrompt }, () => tok.encode(`${p} `)));
    const results: LiveToxicity[] = [];
    for (const [i, m] of methods.entries()) {
      const ws = await this.engine.apply(m.recipe);
      const ids = await session.generate(ws, prompts, { maxNewChars: 24, temperature: 0.9, topK: 20, seed: 2024, stopIds: tok.encode('\n') }, () => this.cancelToken.aborted);
      if (this.cancelToken.aborted) throw new CancelledError();
      const texts = ids.map((row) => tok.decode(row).split('\n')[0]);
      results.push({ id: m.id, full: scoreGenerations(texts, matchers.full), heldout: scoreGenerations(texts, matchers.heldout) });
      onProgress?.({ stage: 'evaluate', loaded: i + 1, total: methods.length });
    }
    return results;
  }
}
