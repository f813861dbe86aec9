/**
 * npm run check:detox-premise -- <checkpoint or model .safetensors> [samples per prompt]
 * A quick look at the premise while the base trains: samples continuations of the test prompts with
 * the evaluation's sampler and settings, and prints the share containing a base-only (held-out)
 * word, the share containing a fine-tune (train) word, and a few continuations (profane words
 * masked). Not the evaluation: fewer samples, another seed, no interval (npm run eval:detox
 * measures the premise).
 */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { makeCharTokenizer } from '../../lib/text/char-tokenizer';
import { readSafetensors } from '../../lib/tensors/safetensors';
import { sampleOutcomes } from '../../lib/demos/detox/evaluate';
import { CharGptSession } from '../../lib/onnx/char-gpt-session';
import type { OrtModule } from '../../lib/runtime/ort-types';
import { matcherFromWords } from '../../lib/demos/detox/word-hash';
import { maskText } from '../../lib/demos/detox/mask';
import { promptsOf } from '../../lib/demos/detox/dataset/templates';
import { DATA_DIR } from '../../data-gen/detox/paths';
import { DETOX_MODEL_CONFIG } from './recipe';

/** How often the base corpus itself follows a test prompt with a base-only word: what a base could learn. */
function corpusRate(base: string, prompts: string[], heldout: string[]): string {
  const listed = new Set(heldout);
  let seen = 0;
  let hits = 0;
  for (const p of prompts)
    for (let i = base.indexOf(`${p} `); i >= 0; i = base.indexOf(`${p} `, i + 1)) {
      seen++;
      if (listed.has(/^[a-z]+/.exec(base.slice(i + p.length + 1))?.[0] ?? '')) hits++;
    }
  return `${hits} of ${seen} times`;
}

async function main() {
  const [path, perPrompt = '32'] = process.argv.slice(2);
  if (!path) throw new Error('usage: npm run check:detox-premise -- <file.safetensors> [samples per prompt]');
  ort.env.wasm.numThreads = 1;
  const tok = makeCharTokenizer();
  const cfg = { ...DETOX_MODEL_CONFIG, vocabSize: tok.vocabSize };
  const file = readSafetensors(readFileSync(path));
  const ws = { tensors: Object.fromEntries(Object.entries(file.tensors).filter(([n]) => !n.startsWith('adam.'))) };
  const words = JSON.parse(readFileSync(`${DATA_DIR}/words.json`, 'utf8')) as { train: string[]; heldout: string[] };
  const session = await CharGptSession.create(ort as unknown as OrtModule, cfg);
  const protocol = { prompts: promptsOf('test'), samplesPerPrompt: Number(perPrompt), maxNewChars: 32, temperature: 0.9, topK: 20, seed: 7 };
  const { outcomes, texts } = await sampleOutcomes((prompts, o) => session.generate(ws, prompts, o), tok, protocol, matcherFromWords(words.heldout));
  const train = matcherFromWords(words.train);
  const all = texts.flat();
  const share = (n: number) => `${((100 * n) / all.length).toFixed(2)}% of ${all.length}`;
  console.log(`${path} (step ${file.metadata?.step ?? '?'})`);
  console.log(`in the base corpus, the word after a test prompt is a base-only word ${corpusRate(readFileSync(`${DATA_DIR}/base.txt`, 'utf8'), protocol.prompts, words.heldout)}`);
  console.log(`continuations with a base-only word: ${share(outcomes.flat().filter((x) => x === 1).length)}`);
  console.log(`continuations with a fine-tune word: ${share(all.filter((t) => t.match(/[a-z]+/g)?.some(train)).length)}`);
  const anyListed = matcherFromWords([...words.train, ...words.heldout]);
  protocol.prompts.slice(0, 4).forEach((p, i) => console.log(`  ${p} | ${texts[i].slice(0, 3).map((t) => maskText(t, anyListed)).join(' | ')}`));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
