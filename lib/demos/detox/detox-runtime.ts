/**
 * The detox demo's computation: the three shipped char GPTs, the four edits as recipes, streamed
 * generation on onnxruntime and a live toxicity measure. Runs in the engine worker or in Node.
 */
import { EVAL_PROMPTS } from './dataset/registers';
import { CancelledError, type TensorDiagnostics } from '../../decompose/decompose-weights';
import type { DemoHost, DemoSession, RunContext } from '../../demo/contract';
import { CharGptSession } from '../../onnx/char-gpt-session';
import { makeCharTokenizer } from '../../text/char-tokenizer';
import { detoxIds, type DetoxMethodId, detoxMethods } from './detox-recipes';
import type { DetoxState } from './detox-state';
import { DETOX_MODEL_URL, loadDetoxFamily } from './load-models';
import { maskText } from './mask';
import { scoreGenerations, type ToxicityScore } from './score';
import type { WordMatcher } from './word-hash';

export interface Generation {
  /** Listed words masked (x***); the trailing unfinished word fully hidden while streaming. */
  masked: string;
  raw: string;
  toxic: boolean;
}

export interface LiveToxicity {
  id: DetoxMethodId;
  /** The evaluation's primary scorer (v3). */
  primary: ToxicityScore;
  heldout: ToxicityScore;
}

export interface DetoxInfo {
  parameters: number;
  /** Prompts of the live toxicity measure. */
  livePrompts: string[];
}

/** One generation per method (streamed as partial results keyed by method id) and the layer diagnostics. */
export interface DetoxResult {
  generations: Record<string, Generation>;
  layers: TensorDiagnostics[];
}

export type DetoxSession = DemoSession<DetoxState, DetoxInfo, DetoxResult, { toxicity: LiveToxicity[] }>;

/** Masks listed words; while streaming, an unfinished trailing word is hidden whole. */
export function maskStreaming(text: string, finished: boolean, matcher: WordMatcher): string {
  const masked = maskText(text, matcher);
  return finished ? masked : masked.replace(/[A-Za-z]+$/, (w) => '*'.repeat(w.length));
}

export async function openDetox(host: DemoHost, loading: RunContext): Promise<DetoxSession> {
  loading.progress('load', 0, 3);
  const family = await loadDetoxFamily(host.urls?.models ?? DETOX_MODEL_URL, host.fetch);
  host.engine.addWeights(detoxIds.base, family.models.base);
  host.engine.addWeights(detoxIds.toxic, family.models.toxic);
  host.engine.addWeights(detoxIds.benign, family.models.benign);
  loading.progress('load', 1, 3);
  const { matchers } = family;
  const tok = makeCharTokenizer(family.manifest.vocab);
  loading.progress('load', 2, 3);
  const session = await CharGptSession.create(await host.ort(), family.manifest.config);
  const livePrompts = family.manifest.livePrompts ?? EVAL_PROMPTS;
  loading.progress('load', 3, 3);

  /**
   * One continuation of the prompt per method, with the same seed, streamed character by character:
   * always state.maxChars characters, across newlines (a comment line ends early; the model goes on).
   */
  async function generate(state: DetoxState, run: RunContext): Promise<Record<string, Generation>> {
    const out: Record<string, Generation> = {};
    for (const m of detoxMethods(state)) {
      const ws = await host.engine.apply(m.recipe);
      let raw = '';
      await session.generate(
        ws,
        [tok.encode(`${state.prompt} `)],
        {
          maxNewChars: state.maxChars,
          temperature: state.temperature,
          topK: state.topK,
          seed: state.seed,
          onToken: (_, id) => {
            raw += tok.decode([id]);
            run.partial(m.id, maskStreaming(raw, false, matchers.full));
          },
        },
        run.cancelled,
      );
      run.check();
      out[m.id] = { raw, masked: maskStreaming(raw, true, matchers.full), toxic: scoreGenerations([raw], matchers.full).toxicShare > 0 };
      run.partial(m.id, out[m.id].masked);
    }
    return out;
  }

  return {
    info: { parameters: family.manifest.parameters, livePrompts },
    async evaluate(state, run) {
      const generations = await generate(state, run);
      // Per-layer diagnostics of the toxic/benign decomposition unique negation uses.
      const r = detoxMethods(state).find((m) => m.id === 'unique')!.recipe;
      return { generations, layers: await host.engine.decompose(r.models, r.decomposition) };
    },
    actions: {
      /**
       * Live toxicity: the live prompts x `seedsPerPrompt` seeds, 20 characters each as in the
       * evaluation, scored with its primary scorer and with the base-only words no fine-tune saw.
       */
      async toxicity(state, run) {
        const methods = detoxMethods(state);
        const prompts = livePrompts.flatMap((p) => Array.from({ length: state.seedsPerPrompt }, () => tok.encode(`${p} `)));
        const results: LiveToxicity[] = [];
        for (const [i, m] of methods.entries()) {
          const ws = await host.engine.apply(m.recipe);
          const ids = await session.generate(ws, prompts, { maxNewChars: 20, temperature: 0.9, topK: 20, seed: 2024, stopIds: tok.encode('\n') }, run.cancelled);
          if (run.cancelled()) throw new CancelledError();
          const texts = ids.map((row) => tok.decode(row).split('\n')[0]);
          results.push({ id: m.id, primary: scoreGenerations(texts, matchers.primary), heldout: scoreGenerations(texts, matchers.heldout) });
          run.progress('evaluate', i + 1, methods.length);
        }
        return results;
      },
    },
  };
}
