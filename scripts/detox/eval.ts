/**
 * npm run eval:detox: the v2 detox evaluation fixed in docs/detox-protocol.md. For every method
 * (plain, unique, difference, benign projection) and control (same-size random, energy-matched;
 * 10 draws each), lambda is matched to +0.05 and +0.1 held-out bits/char over the base, then
 * toxicity is sampled there on the test prompts and scored on the base-only words.
 * Writes docs/results/detox.json and the "## Detox demo" section of docs/results.md.
 * DETOX_MODEL_DIR: models to evaluate (default checkpoints/detox/v2/models, the output of
 * npm run train:detox). Sampling runs on onnxruntime-web (wasm, one thread) one token per step
 * against a KV cache (CharGptSession); the texts are those of the tfjs full forward for the same
 * seeds (lib/detox/sample-outcomes.test.ts). Bits per character runs on tfjs-wasm.
 * DETOX_EVAL_QUICK=1: a dry run of the whole pipeline with small sample counts, e.g. on stand-in
 * models; it writes detox.json and results.md under DETOX_RESULTS_DIR (default: a new temporary
 * directory), never into docs/, and marks them as a dry run.
 * Every measured item is cached in <model dir>/eval-cache/ by model hash, so a killed run resumes.
 * DETOX_EVAL_SHARD=k/n measures only every n-th item starting at k (into the cache) and writes no
 * report: run shards 0/n..n-1/n side by side (one core each), then once without it to assemble
 * (a dry run keeps its cache in DETOX_RESULTS_DIR, so its shards need that set).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { decomposeWeights } from '../../lib/decompose';
import { float64Engine } from '../../lib/linalg/engine';
import { disposeParams, paramsFromWeightSet, type CharGptConfig } from '../../lib/models/char-gpt';
import { makeCharTokenizer } from '../../lib/text/char-tokenizer';
import { readSafetensors } from '../../lib/tensors/safetensors';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { bitsPerChar, factAccuracy, sampleOutcomes, type FactPrompt, type Generate } from '../../lib/detox/evaluate';
import { CharGptSession } from '../../lib/onnx/char-gpt-session';
import type { OrtModule } from '../../lib/runtime/ort-types';
import { difference, projectOffBenign, type Direction } from '../../lib/detox/baselines';
import { energyMatched } from '../../lib/merge/energy-matched';
import { meanOf, nestedBootstrap, pairedDifference, shareInterval, type Outcomes } from '../../lib/stats/paired-bootstrap';
import { lambdaAtCost, type MatchResult } from '../../lib/detox/matched-cost';
import { componentOf, negate } from '../../lib/detox/negation';
import { maskText } from '../../lib/detox/mask';
import { matcherFromWords } from '../../lib/detox/word-hash';
import { promptsOf } from '../../lib/datasets/detox/templates';
import { CHECKPOINT_DIR, DATA_DIR } from '../../data-gen/detox/paths';
import { writeDetoxReport, type DetoxReport, type MethodPoint } from './eval-report';
import { useWasm } from './tf-wasm';

const quick = process.env.DETOX_EVAL_QUICK === '1';
const modelDir = process.env.DETOX_MODEL_DIR ?? `${CHECKPOINT_DIR}/v2/models`;
const TARGETS = [0.05, 0.1];
const PRIMARY_TARGET = 0.1;
const DRAWS = quick ? 2 : 10;
const PROTOCOL = {
  prompts: quick ? promptsOf('test').slice(0, 2) : promptsOf('test'),
  samplesPerPrompt: quick ? 4 : 128,
  /** Controls: 10 draws each, fewer samples per draw (their mean over draws is what is compared). */
  controlSamplesPerPrompt: quick ? 2 : 32,
  maxNewChars: 32,
  temperature: 0.9,
  topK: 20,
  seed: 2026,
};
const HELDOUT_WINDOWS = quick ? 8 : 200;
const shard = parseShard(process.env.DETOX_EVAL_SHARD);
/** Where detox.json and results.md go: docs/ for a real run; a dry run never touches docs/. */
const resultsDir = quick ? (process.env.DETOX_RESULTS_DIR ?? mkdtempSync(join(tmpdir(), 'detox-dry-run-'))) : 'docs';

async function main() {
  await useWasm();
  ort.env.wasm.numThreads = 1;
  const tok = makeCharTokenizer();
  const manifest = JSON.parse(readFileSync(`${modelDir}/manifest.json`, 'utf8'));
  const cfg: CharGptConfig = manifest.config;
  const load = (name: string): WeightSet => readSafetensors(readFileSync(`${modelDir}/${name}.safetensors`));
  const [base, toxic, benign] = ['base', 'toxic', 'benign'].map(load);
  const words = JSON.parse(readFileSync(`${DATA_DIR}/words.json`, 'utf8')) as { train: string[]; heldout: string[] };
  const scorer = matcherFromWords(words.heldout);
  const fullList = matcherFromWords([...words.train, ...words.heldout]);
  const heldoutText = readFileSync(`${DATA_DIR}/cleanHeldout.txt`, 'utf8').slice(0, HELDOUT_WINDOWS * cfg.blockSize + 1);
  const facts = (JSON.parse(readFileSync(`${DATA_DIR}/facts.json`, 'utf8')).prompts as FactPrompt[]).slice(0, quick ? 10 : undefined);

  const key = createHash('sha256').update(JSON.stringify(manifest.files ?? {})).update(JSON.stringify({ PROTOCOL, HELDOUT_WINDOWS, n: facts.length, sampler: 'ort-kv-cache' })).digest('hex').slice(0, 12);
  // A dry run caches in its own results directory, so it re-measures unless that directory is reused.
  const cacheDir = `${quick ? resultsDir : modelDir}/eval-cache/${key}`;
  mkdirSync(cacheDir, { recursive: true });
  const cached = async <T>(name: string, make: () => Promise<T>): Promise<T> => {
    const path = `${cacheDir}/${name.replace(/[^\w.-]+/g, '_')}.json`;
    if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8'));
    const value = await make();
    writeFileSync(path, JSON.stringify(value));
    return value;
  };
  const withParams = async <T>(ws: WeightSet, f: (p: ReturnType<typeof paramsFromWeightSet>) => Promise<T> | T): Promise<T> => {
    const p = paramsFromWeightSet(ws);
    try {
      return await f(p);
    } finally {
      disposeParams(p);
    }
  };
  const session = await CharGptSession.create(ort as unknown as OrtModule, cfg);
  const generate = (ws: WeightSet): Generate => (prompts, o) => session.generate(ws, prompts, o);
  const bpcOf = (ws: WeightSet) => withParams(ws, (p) => bitsPerChar(p, cfg, tok, heldoutText, 50));
  const measure = (ws: WeightSet, samplesPerPrompt: number) =>
    withParams(ws, async (p) => {
      const { outcomes, texts } = await sampleOutcomes(generate(ws), tok, { ...PROTOCOL, samplesPerPrompt }, scorer);
      const fullHits = texts.flat().filter((t) => t.match(/[a-z]+/g)?.some(fullList)).length / texts.flat().length;
      return { outcomes, fullListShare: fullHits, examples: texts.map((row) => maskText(row[0], fullList)), bitsPerChar: bitsPerChar(p, cfg, tok, heldoutText, 50), facts: await factAccuracy(generate(ws), tok, facts) };
    });

  const t0 = Date.now();
  const log = (s: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0)} s] ${s}${shard ? ` (shard ${shard.index}/${shard.count})` : ''}`);
  let item = 0;
  /** In a sharded run, whether the next measured item belongs to this shard. */
  const mine = () => !shard || item++ % shard.count === shard.index;
  const models: Record<string, Awaited<ReturnType<typeof measure>>> = {};
  for (const [name, ws] of Object.entries({ base, toxic, benign })) {
    if (!mine()) continue;
    models[name] = await cached(`model-${name}`, () => measure(ws, PROTOCOL.samplesPerPrompt));
    log(`${name}: toxic ${(100 * meanOf(models[name].outcomes)).toFixed(1)}% (base-only words), ${models[name].bitsPerChar.toFixed(3)} bits/char, facts ${(100 * models[name].facts).toFixed(1)}%`);
  }
  const baseBpc = models.base?.bitsPerChar ?? (await bpcOf(base));

  const dec = await decomposeWeights(base, [toxic, benign], {}, float64Engine);
  const shapes = dec.shapes;
  const tauToxic = componentOf(dec, 'full', 0);
  const tauBenign = componentOf(dec, 'full', 1);
  const matrices = dec.diagnostics.filter((d) => d.kind === 'matrix');
  const projection = await projectOffBenign(tauToxic, tauBenign, shapes, float64Engine);
  const methods: Record<string, Direction> = {
    plain: tauToxic,
    unique: componentOf(dec, 'unique', 0),
    difference: difference(tauToxic, tauBenign),
    'benign projection': projection.direction,
  };
  // Random: 10 draws of a same-size random subspace. Energy-matched (deterministic, as on the merge
  // page): the fewest top directions of tau_toxic + tau_benign holding as much energy as the shared parts.
  // Control directions are built on first use (each random draw is a full decomposition), so a run
  // whose points are all cached, such as the one assembling shards, skips them.
  const once = <T>(make: () => Promise<T>) => {
    let p: Promise<T> | null = null;
    return () => (p ??= make());
  };
  const controls: Record<string, (() => Promise<Direction>)[]> = {
    'random subspace': Array.from({ length: DRAWS }, (_, i) =>
      once(async () => componentOf(await decomposeWeights(base, [toxic, benign], { control: 'random', seed: i + 1 }, float64Engine), 'unique', 0)),
    ),
    'energy-matched': [once(async () => componentOf(energyMatched(dec), 'unique', 0))],
  };
  log(`decomposed: shared dims ${matrices.map((d) => `${d.name} ${d.sharedDim}`).join(', ')}`);

  const pointAt = async (label: string, direction: Direction | (() => Promise<Direction>), target: number, samplesPerPrompt: number): Promise<MethodPoint> => {
    const dir = async () => (typeof direction === 'function' ? direction() : direction);
    const match: MatchResult = await cached(`match-${label}-${target}`, () => lambdaAtCost(async (l) => (await bpcOf(negate(base, await dir(), l))) - baseBpc, target, quick ? { tolerance: 0.01, maxEvals: 6 } : {}));
    if (!match.reached) {
      log(`${label}: cost stays at ${match.cost.toFixed(3)} < +${target} up to lambda ${match.lambda}`);
      return { label, target, reached: false, lambda: match.lambda, cost: match.cost };
    }
    const m = await cached(`point-${label}-${target}`, async () => measure(negate(base, await dir(), match.lambda), samplesPerPrompt));
    log(`${label} at +${target}: lambda ${match.lambda.toFixed(3)} (cost ${match.cost.toFixed(3)}), toxic ${(100 * meanOf(m.outcomes)).toFixed(1)}%, facts ${(100 * m.facts).toFixed(1)}%`);
    return { label, target, reached: true, lambda: match.lambda, cost: match.cost, outcomes: m.outcomes, toxicity: shareInterval(m.outcomes), fullListShare: m.fullListShare, facts: m.facts, examples: m.examples };
  };

  const points: MethodPoint[] = [];
  for (const target of TARGETS) {
    for (const [label, dir] of Object.entries(methods)) if (mine()) points.push(await pointAt(label, dir, target, PROTOCOL.samplesPerPrompt));
    for (const [label, dirs] of Object.entries(controls))
      for (const [i, dir] of dirs.entries()) if (mine()) points.push(await pointAt(`${label} #${i + 1}`, dir, target, PROTOCOL.controlSamplesPerPrompt));
  }
  if (shard) {
    log(`shard done: ${points.length} points cached in ${cacheDir}; run without DETOX_EVAL_SHARD to write the report`);
    return;
  }

  const find = (label: string, target: number) => points.find((p) => p.label === label && p.target === target);
  const comparisons = TARGETS.map((target) => {
    const u = find('unique', target);
    const p = find('plain', target);
    const diff = u?.outcomes && p?.outcomes ? pairedDifference(u.outcomes, p.outcomes) : null;
    const cut = (x?: MethodPoint) => (x?.outcomes ? nestedBootstrap([x.outcomes as Outcomes, models.base.outcomes], ([a, b]) => (b > 0 ? 1 - a / b : 0)) : null);
    return { target, difference: diff, cutUnique: cut(u), cutPlain: cut(p) };
  });
  const report: DetoxReport = {
    protocol: { ...PROTOCOL, heldoutChars: heldoutText.length - 1, factPrompts: facts.length, draws: DRAWS, targets: TARGETS, primaryTarget: PRIMARY_TARGET },
    models: Object.fromEntries(Object.entries(models).map(([n, m]) => [n, { toxicity: shareInterval(m.outcomes), fullListShare: m.fullListShare, bitsPerChar: m.bitsPerChar, facts: m.facts, examples: m.examples }])),
    sharedDims: Object.fromEntries(matrices.map((d) => [d.name, { sharedDim: d.sharedDim, ranks: d.ranks, sharedEnergyToxic: d.sharedEnergy[0] }])),
    projectionRanks: projection.ranks,
    points: points.map(({ outcomes, ...rest }) => rest),
    comparisons,
    seconds: (Date.now() - t0) / 1000,
  };
  writeDetoxReport(report, manifest, resultsDir, quick ? 'dry run' : 'measured');
  log(`wrote ${resultsDir}/results/detox.json and the Detox section of ${resultsDir}/results.md${quick ? ' (dry run: small sample counts, not a finding)' : ''}`);
}

function parseShard(value: string | undefined): { index: number; count: number } | null {
  if (!value) return null;
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (!m || Number(m[1]) >= Number(m[2])) throw new Error(`DETOX_EVAL_SHARD must look like 0/2 (index/count), got ${value}`);
  if (quick && !process.env.DETOX_RESULTS_DIR) throw new Error('a sharded dry run needs DETOX_RESULTS_DIR, where its shards share their cache');
  return { index: Number(m[1]), count: Number(m[2]) };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
