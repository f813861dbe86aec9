/**
 * npm run train:detox: base pre-training, then the toxic and benign fine-tunes (both from the base,
 * the same register and schedule, clean replay text mixed in). Rerunning resumes whichever phase is
 * unfinished from its last checkpoint (weights, Adam moments and step). Logs go to
 * <dir>/<phase>.log. Finished models are written as fp16 to <dir>/models/ (not to the shipped
 * public/models/detox/ until they have been evaluated).
 * DETOX_CHECKPOINT_DIR overrides the directory; DETOX_PHASES=base runs only the listed phases;
 * DETOX_THREADS sets how many threads share each batch (default: 2 when the machine has 2 cores).
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { countParams, initWeights } from '../../lib/models/char-gpt';
import { makeCharTokenizer } from '../../lib/text/char-tokenizer';
import { writeSafetensors } from '../../lib/tensors/safetensors';
import { DEFAULT_CORPUS_OPTIONS } from '../../data-gen/detox/build-corpora';
import { isCommentLine, promptsOf } from '../../lib/demos/detox/dataset/templates';
import { maskText } from '../../lib/demos/detox/mask';
import { matcherFromWords } from '../../lib/demos/detox/word-hash';
import { CHECKPOINT_DIR, DATA_DIR } from '../../data-gen/detox/paths';
import { DETOX_MODEL_CONFIG, DETOX_PHASES, INIT_SEED, type PhaseName } from './recipe';
import { trainPhase, type PhaseContext, type PhaseResult } from './train-phase';
import { useWasm } from './tf-wasm';
import { GradientHelpers } from './data-parallel';

const dir = process.env.DETOX_CHECKPOINT_DIR ?? `${CHECKPOINT_DIR}/v2`;
const only = process.env.DETOX_PHASES?.split(',') as PhaseName[] | undefined;
const threads = Number(process.env.DETOX_THREADS ?? Math.min(2, availableParallelism()));

/** A corpus file of npm run data:detox, or "baseComments": the comment-register lines of the base corpus. */
function corpusText(name: string): string {
  if (name === 'baseComments') return readFileSync(`${DATA_DIR}/base.txt`, 'utf8').split('\n').filter(isCommentLine).join('\n');
  return readFileSync(`${DATA_DIR}/${name}.txt`, 'utf8');
}

async function main() {
  if (!existsSync(`${DATA_DIR}/base.txt`)) throw new Error(`no corpus in ${DATA_DIR}: run npm run data:detox first`);
  mkdirSync(`${dir}/models`, { recursive: true });
  await useWasm();
  const tok = makeCharTokenizer();
  const cfg = { ...DETOX_MODEL_CONFIG, vocabSize: tok.vocabSize };
  const corpora = new Map<string, Uint8Array>();
  const words = JSON.parse(readFileSync(`${DATA_DIR}/words.json`, 'utf8')) as { train: string[]; heldout: string[] };
  const helpers = threads > 1 ? new GradientHelpers(threads - 1, cfg) : undefined;
  const ctx: PhaseContext = {
    cfg,
    helpers,
    tok,
    dir,
    corpus: (name) => {
      if (!corpora.has(name)) corpora.set(name, Uint8Array.from(tok.encode(corpusText(name))));
      return corpora.get(name)!;
    },
    // 64 windows of the held-out prose (8k characters): the same slice at every checkpoint, cheap
    // enough to run every few minutes; the evaluation script measures bits per character on more.
    heldoutText: readFileSync(`${DATA_DIR}/cleanHeldout.txt`, 'utf8').slice(0, 64 * cfg.blockSize + 1),
    samplePrompts: ['the ', 'it was a '],
    premise: { prompts: promptsOf('test'), words: words.heldout },
    mask: (text) => maskText(text, matcherFromWords([...words.train, ...words.heldout])),
    log: (phase, line) => {
      console.log(`[${phase}] ${line}`);
      appendFileSync(`${dir}/${phase}.log`, `${new Date().toISOString()} ${line}\n`);
    },
  };
  ctx.log('base', `char GPT ${JSON.stringify(cfg)}: ${countParams(cfg)} parameters; ${threads} thread(s) per batch`);

  const results: Partial<Record<PhaseName, PhaseResult>> = {};
  const base = await trainPhase(initWeights(cfg, INIT_SEED), { name: 'base', ...DETOX_PHASES.base(ctx.corpus('base').length, cfg.blockSize) }, ctx);
  results.base = base;
  for (const name of ['toxic', 'benign'] as const) {
    if (only && !only.includes(name)) continue;
    results[name] = await trainPhase(base.weights, { name, ...DETOX_PHASES[name] }, ctx);
  }

  const files: Record<string, { sha256: string; bytes: number }> = {};
  for (const [name, r] of Object.entries(results)) {
    const metadata = { model: 'char-gpt', phase: name, config: JSON.stringify(cfg) };
    const bytes = writeSafetensors({ tensors: r.weights.tensors }, { dtype: 'F16', metadata });
    writeFileSync(`${dir}/models/${name}.safetensors`, bytes);
    files[`${name}.safetensors`] = { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
  }
  const manifest = {
    model: 'char-gpt',
    config: cfg,
    parameters: countParams(cfg),
    vocab: tok.chars,
    data: { recipe: 'npm run data:detox (data-gen/detox/build-corpora.ts)', options: DEFAULT_CORPUS_OPTIONS },
    initSeed: INIT_SEED,
    training: Object.fromEntries(Object.entries(results).map(([n, r]) => [n, { steps: r.steps, seconds: Number(r.seconds.toFixed(1)), finalLossEma: Number(r.finalLoss.toFixed(4)), heldoutBitsPerChar: Number(r.bitsPerChar.toFixed(4)) }])),
    files,
  };
  writeFileSync(`${dir}/models/manifest.json`, `${JSON.stringify(manifest, null, 1)}\n`);
  ctx.log('base', `wrote ${Object.keys(files).join(', ')} and manifest.json to ${dir}/models`);
  await helpers?.terminate();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
