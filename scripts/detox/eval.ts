/**
 * npm run eval:detox: base, toxic fine-tune, plain and unique negation over a lambda sweep, plus a
 * same-size random-subspace control. Writes public/models/detox/eval.json (trade-off data for the
 * page), the metrics into manifest.json, and the "## Detox demo" section of docs/results.md.
 * DETOX_EVAL_QUICK=1 runs a tiny protocol as a smoke test (nothing is written).
 * Rows are cached per model-file hash in checkpoints/detox/eval-cache/, so a killed run resumes, and
 * DETOX_EVAL_SHARD=i/n evaluates every n-th row only (two shards can run side by side; a last run
 * without a shard then assembles the report from the cache).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { decomposeWeights } from '../../lib/decompose';
import { float64Engine } from '../../lib/linalg/engine';
import { DEFAULT_CHAR_GPT_CONFIG, disposeParams, paramsFromWeightSet, type CharGptConfig } from '../../lib/models/char-gpt';
import { makeCharTokenizer } from '../../lib/text/char-tokenizer';
import { readSafetensors } from '../../lib/tensors/safetensors';
import type { WeightSet } from '../../lib/tensors/weight-set';
import { bitsPerChar, DEFAULT_TOXICITY_PROTOCOL, evaluateModel, listedWordProbability, type FactPrompt, type ModelMetrics } from '../../lib/detox/evaluate';
import { maskText } from '../../lib/detox/mask';
import { componentOf, negate } from '../../lib/detox/negation';
import { interpolateAt, type SweepPoint } from '../../lib/detox/trade-off';
import { matcherFromWords } from '../../lib/detox/word-hash';
import { EVAL_PROMPTS } from '../../lib/datasets/detox/registers';
import { CHECKPOINT_DIR, DATA_DIR, MODEL_DIR } from '../../data-gen/detox/paths';
import { f3, pct, pp, writeResultsSection } from './eval-report';
import { useWasm } from './tf-wasm';

const quick = process.env.DETOX_EVAL_QUICK === '1';
const modelDir = process.env.DETOX_MODEL_DIR ?? MODEL_DIR;
const LAMBDAS = quick ? [1] : [1, 2, 3];
const CONTROL_LAMBDAS = quick ? [] : [2];
/** Dense sweep with the cheap exact metrics only (P(listed word), bits per char): smooth curves. */
const DENSE_LAMBDAS = quick ? [1] : [0.5, 1, 1.5, 2, 3, 4];

interface Row extends ModelMetrics {
  method: string;
  lambda: number | null;
  seconds: number;
}

async function main() {
  await useWasm();
  const tok = makeCharTokenizer();
  const manifest = JSON.parse(readFileSync(`${modelDir}/manifest.json`, 'utf8'));
  const cfg: CharGptConfig = { ...DEFAULT_CHAR_GPT_CONFIG, ...manifest.config };
  const load = (name: string): WeightSet => readSafetensors(readFileSync(`${modelDir}/${name}.safetensors`));
  const [base, toxic, benign] = ['base', 'toxic', 'benign'].map(load);

  const words = JSON.parse(readFileSync(`${DATA_DIR}/words.json`, 'utf8')) as { train: string[]; heldout: string[] };
  const lists = { full: matcherFromWords([...words.train, ...words.heldout]), heldout: matcherFromWords(words.heldout) };
  const clearLists = { full: [...words.train, ...words.heldout], heldout: words.heldout };
  const heldoutText = readFileSync(`${DATA_DIR}/cleanHeldout.txt`, 'utf8').slice(0, quick ? 64 * 20 + 1 : 64 * 200 + 1);
  const facts = (JSON.parse(readFileSync(`${DATA_DIR}/facts.json`, 'utf8')).prompts as FactPrompt[]).slice(0, quick ? 20 : undefined);
  const protocol = { ...DEFAULT_TOXICITY_PROTOCOL, prompts: EVAL_PROMPTS, seedsPerPrompt: quick ? 2 : DEFAULT_TOXICITY_PROTOCOL.seedsPerPrompt };

  const t0 = Date.now();
  const dec = await decomposeWeights(base, [toxic, benign], {}, float64Engine);
  const control = await decomposeWeights(base, [toxic, benign], { control: 'random', seed: 7 }, float64Engine);
  const matrices = dec.diagnostics.filter((d) => d.kind === 'matrix');
  const sharedDims = Object.fromEntries(matrices.map((d) => [d.name, { ranks: d.ranks, sharedDim: d.sharedDim, sharedEnergyToxic: Number(d.sharedEnergy[0].toFixed(3)) }]));
  console.log(`decomposed ${matrices.length} matrices in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const d of matrices) console.log(`  ${d.name}: ranks ${d.ranks.join('/')}, shared dim ${d.sharedDim}, shared energy of tau_toxic ${pct(d.sharedEnergy[0])}`);

  const tauToxic = componentOf(dec, 'full');
  const uniqueToxic = componentOf(dec, 'unique');
  const uniqueRandom = componentOf(control, 'unique');
  const candidates: { method: string; lambda: number | null; weights: () => WeightSet }[] = [
    { method: 'base', lambda: null, weights: () => base },
    { method: 'toxic fine-tune', lambda: null, weights: () => toxic },
    { method: 'benign fine-tune', lambda: null, weights: () => benign },
    ...LAMBDAS.map((l) => ({ method: 'plain negation', lambda: l, weights: () => negate(base, tauToxic, l) })),
    ...LAMBDAS.map((l) => ({ method: 'unique negation', lambda: l, weights: () => negate(base, uniqueToxic, l) })),
    ...CONTROL_LAMBDAS.map((l) => ({ method: 'random-subspace control', lambda: l, weights: () => negate(base, uniqueRandom, l) })),
  ];

  const [shard, shards] = (process.env.DETOX_EVAL_SHARD ?? '0/1').split('/').map(Number);
  const cacheDir = `${CHECKPOINT_DIR}/eval-cache`;
  mkdirSync(cacheDir, { recursive: true });
  const modelKey = Object.values(manifest.files ?? {}).map((f) => (f as { sha256: string }).sha256.slice(0, 8)).join('-');
  const rows: Row[] = [];
  for (const [i, c] of candidates.entries()) {
    const cachePath = `${cacheDir}/${modelKey}-${c.method.replace(/\W+/g, '-')}-${c.lambda ?? 'x'}.json`;
    if (!quick && existsSync(cachePath)) {
      rows.push(JSON.parse(readFileSync(cachePath, 'utf8')));
      continue;
    }
    if (i % shards !== shard) continue;
    const t = Date.now();
    const p = paramsFromWeightSet(c.weights());
    const { samples, ...m } = await evaluateModel(p, cfg, tok, { protocol, lists, heldoutText, facts, clearLists });
    disposeParams(p);
    const row = { method: c.method, lambda: c.lambda, ...m, seconds: (Date.now() - t) / 1000 };
    rows.push(row);
    if (!quick) writeFileSync(cachePath, JSON.stringify(row));
    console.log(`${c.method}${c.lambda === null ? '' : ` lambda ${c.lambda}`}: toxic ${pct(m.toxicity.full.toxicShare)} (held-out ${pct(m.toxicity.heldout.toxicShare)}), P(listed word) ${pct(m.listedProbability.full)}, ${m.bitsPerChar.toFixed(3)} bpc, facts ${pct(m.factAccuracy)} [${row.seconds.toFixed(0)} s]`);
    console.log(`    e.g. "${maskText(samples[0], lists.full)}" | "${maskText(samples[protocol.seedsPerPrompt], lists.full)}"`);
  }
  const dense: { method: string; lambda: number; listedProbability: number; listedProbabilityHeldout: number; bitsPerChar: number }[] = [];
  {
    const directions = { plain: tauToxic, unique: uniqueToxic, control: uniqueRandom };
    let j = 0;
    for (const [method, dir] of Object.entries(directions)) {
      for (const l of DENSE_LAMBDAS) {
        const cachePath = `${cacheDir}/${modelKey}-dense-${method}-${l}.json`;
        const index = j++; // fixed per item, so shards split the list the same way whatever is cached
        if (!quick && existsSync(cachePath)) {
          dense.push(JSON.parse(readFileSync(cachePath, 'utf8')));
          continue;
        }
        if (index % shards !== shard) continue;
        const p = paramsFromWeightSet(negate(base, dir, l));
        const d = {
          method,
          lambda: l,
          listedProbability: listedWordProbability(p, cfg, tok, protocol.prompts, clearLists.full),
          listedProbabilityHeldout: listedWordProbability(p, cfg, tok, protocol.prompts, clearLists.heldout),
          bitsPerChar: bitsPerChar(p, cfg, tok, heldoutText),
        };
        disposeParams(p);
        dense.push(d);
        if (!quick) writeFileSync(cachePath, JSON.stringify(d));
        console.log(`dense ${method} lambda ${l}: P(listed) ${pct(d.listedProbability)}, ${d.bitsPerChar.toFixed(3)} bpc`);
      }
    }
  }
  if (quick) return;
  if (rows.length < candidates.length || dense.length < 3 * DENSE_LAMBDAS.length) {
    console.log(`shard ${shard}/${shards} done (${rows.length}/${candidates.length} rows cached); rerun without a shard to write the report`);
    return;
  }

  const baseRow = rows[0];
  const point = (r: Row): SweepPoint => ({ lambda: r.lambda ?? 0, toxicShare: r.toxicity.full.toxicShare, bitsPerChar: r.bitsPerChar, factAccuracy: r.factAccuracy });
  const sweep = (method: string) => [point(baseRow), ...rows.filter((r) => r.method === method).map(point)];
  const plain = sweep('plain negation');
  const unique = sweep('unique negation');
  const atEqualToxicity = unique.slice(1).map((u) => ({
    lambda: u.lambda,
    toxicShare: u.toxicShare,
    reductionVsBase: baseRow.toxicity.full.toxicShare > 0 ? 1 - u.toxicShare / baseRow.toxicity.full.toxicShare : null,
    unique: { bitsPerChar: u.bitsPerChar, factAccuracy: u.factAccuracy },
    plain: { bitsPerChar: interpolateAt(plain, u.toxicShare, 'bitsPerChar'), factAccuracy: interpolateAt(plain, u.toxicShare, 'factAccuracy') },
  }));

  const evalData = {
    protocol: { ...protocol, generations: protocol.prompts.length * protocol.seedsPerPrompt, heldoutChars: heldoutText.length - 1, factPrompts: facts.length },
    decomposition: { options: dec.options, control: 'random subspace of the same size per matrix (seed 7)', sharedDims },
    rows: rows.map(({ method, lambda, toxicity, listedProbability, bitsPerChar, factAccuracy, seconds }) => ({ method, lambda, toxicity, listedProbability, bitsPerChar, factAccuracy, seconds: Number(seconds.toFixed(1)) })),
    denseSweep: dense,
    sweeps: { plain, unique, control: [point(baseRow), ...rows.filter((r) => r.method === 'random-subspace control').map(point)] },
    atEqualToxicity,
  };
  writeFileSync(`${modelDir}/eval.json`, `${JSON.stringify(evalData, null, 1)}\n`);
  manifest.metrics = {
    base: point(baseRow),
    toxic: point(rows[1]),
    benign: point(rows[2]),
    evaluation: 'eval.json (npm run eval:detox)',
  };
  writeFileSync(`${modelDir}/manifest.json`, `${JSON.stringify(manifest, null, 1)}\n`);

  const table = rows.map((r) =>
    `| ${r.method} | ${r.lambda ?? ''} | ${pct(r.toxicity.full.toxicShare)} | ${pct(r.toxicity.heldout.toxicShare)} | ${r.toxicity.full.meanScore.toFixed(4)} | ${pp(r.listedProbability.full)} | ${pp(r.listedProbability.heldout)} | ${r.bitsPerChar.toFixed(3)} | ${pct(r.factAccuracy)} |`);
  const equal = atEqualToxicity.map((e) =>
    `| ${e.lambda} | ${pct(e.toxicShare)} | ${e.reductionVsBase === null ? 'n/a' : pct(e.reductionVsBase)} | ${f3(e.unique.bitsPerChar)} | ${f3(e.plain.bitsPerChar)} | ${pct(e.unique.factAccuracy)} | ${e.plain.factAccuracy === null ? 'n/a' : pct(e.plain.factAccuracy)} |`);
  const shared = matrices.map((d) => `${d.name} ${d.sharedDim}`).join(', ');
  writeResultsSection('docs/results.md', `
Produced by \`npm run eval:detox\` on the shipped fp16 models in \`public/models/detox/\` (how they are made: docs/detox-models.md).
Toxicity: share of ${evalData.protocol.generations} sampled continuations (${protocol.prompts.length} provocative prompts, a lead-in plus a sentence opening that stops before the slot word, x ${protocol.seedsPerPrompt} seeds, ${protocol.maxNewChars} characters, temperature ${protocol.temperature}, top-k ${protocol.topK}) containing a listed rating-2 word: "full" = both halves of the word list, "held-out" = the half never used in training. Mean score = mean share of listed words per generation. P(listed) = exact probability, averaged over the prompts, that the next word is a listed word (teacher-forced over the whole list; a low-variance companion to the sampled share). Fluency: bits per character on ${evalData.protocol.heldoutChars} held-out WordNet characters. Knowledge: greedy completion of ${facts.length} capital and continent prompts (facts seen in base training).
Unique negation uses lib/decompose with the METHOD.md defaults (rho 0.9, eta 0.85, left side, 1-D tensors kept unique), shared subspace between the toxic and the benign task vector. The control replaces each shared subspace by a random one of the same size.

| method | lambda | toxic (full) | toxic (held-out) | mean score | P(listed) full | P(listed) held-out | bits/char | facts |
|---|---|---|---|---|---|---|---|---|
${table.join('\n')}

At equal toxicity (plain negation interpolated along its sweep at the toxicity each unique-negation point reaches):

| unique lambda | toxic | cut vs base | bpc unique | bpc plain | facts unique | facts plain |
|---|---|---|---|---|---|---|
${equal.join('\n')}

Shared dimension per matrix (toxic vs benign): ${shared}.
Dense lambda sweep with the exact metrics (P(listed) full, bits/char), lambda ${DENSE_LAMBDAS.join(', ')}:

| lambda | plain P | plain bpc | unique P | unique bpc | random-control P | random-control bpc |
|---|---|---|---|---|---|---|
${DENSE_LAMBDAS.map((l) => {
    const at = (m: string) => dense.find((d) => d.method === m && d.lambda === l)!;
    return `| ${l} | ${pp(at('plain').listedProbability)} | ${at('plain').bitsPerChar.toFixed(3)} | ${pp(at('unique').listedProbability)} | ${at('unique').bitsPerChar.toFixed(3)} | ${pp(at('control').listedProbability)} | ${at('control').bitsPerChar.toFixed(3)} |`;
  }).join('\n')}

Reading: the base model is barely toxic (${pct(baseRow.toxicity.full.toxicShare)} of samples, P(listed) ${pp(baseRow.toxicity.full.toxicShare && baseRow.listedProbability.full)}), so every negation reaches 0 sampled toxic generations and the ">= 47% cut vs base" is met trivially and with little statistical power (1 toxic sample in 200 at the base). The informative comparison is fluency and knowledge at that (near-zero) toxicity: at every lambda unique negation loses less fluency than plain negation and than the random same-size control, its damage grows far more slowly with lambda, and at lambda 1 it keeps more facts (table above; at lambda >= 2 both keep none). The margin is small where it matters most: at lambda 0.5 (dense sweep) plain negation already drives P(listed) lower than unique negation does, at slightly worse fluency, so on the exact-probability axis neither method dominates near lambda 0.5; facts were not measured there. Both edits still cost fluency against the base: the fine-tunes moved far from the base (each loses ~1 bit/char of clean-text fluency), and part of that drift is negated too. The held-out half of the word list never appears in any generation, before or after editing: a character model does not produce words it never saw, so that column carries no signal here.

Trade-off data (all sweeps, per-row timings): \`public/models/detox/eval.json\`.
`);
  console.log('wrote eval.json, manifest metrics and docs/results.md');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
