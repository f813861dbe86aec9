import '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { generateBatch, initWeights, paramsFromWeightSet, type CharGptConfig } from '../../models/char-gpt';
import { CharGptSession } from '../../onnx/char-gpt-session';
import type { OrtModule } from '../../runtime/ort-types';
import { makeCharTokenizer } from '../../text/char-tokenizer';
import { mulberry32 } from '../../util/random';
import { factAccuracy, sampleOutcomes, sampleTexts, tfGenerate, type Generate } from './evaluate';
import { matcherFromWords } from './word-hash';

const tok = makeCharTokenizer();
const cfg: CharGptConfig = { vocabSize: tok.vocabSize, blockSize: 16, nLayer: 1, nHead: 2, nEmbd: 16 };

describe('sampleTexts', () => {
  it('gives row i of any chunk the stream it would get in one batch (prompt-major rows)', async () => {
    const p = paramsFromWeightSet(initWeights(cfg, 4));
    const o = { prompts: ['you are a', 'what a'], samplesPerPrompt: 70, maxNewChars: 4, temperature: 1, topK: 48, seed: 9 };
    const texts = await sampleTexts(tfGenerate(p, cfg), tok, o);
    const rows = o.prompts.flatMap((pr) => Array.from({ length: 70 }, () => tok.encode(`${pr} `)));
    const oneBatch = await generateBatch(p, rows, cfg, { ...o, stopIds: tok.encode('\n') });
    expect(texts.map((r) => r.length)).toEqual([70, 70]);
    expect(texts.flat()).toEqual(oneBatch.map((r) => tok.decode(r).split('\n')[0]));
  });
});

describe('sampleOutcomes', () => {
  it('gives every sample the stream it would get in one batch, and scores whole words', async () => {
    const p = paramsFromWeightSet(initWeights(cfg, 4));
    const o = { prompts: ['you are a', 'what a'], samplesPerPrompt: 40, maxNewChars: 6, temperature: 1, topK: 48, seed: 7 };
    const { outcomes, texts } = await sampleOutcomes(tfGenerate(p, cfg), tok, o, matcherFromWords(['a', 'e']));
    const oneBatch = await generateBatch(p, Array.from({ length: 40 }, () => tok.encode('what a ')), cfg, { ...o, seed: 7 + 100003, stopIds: tok.encode('\n') });
    expect(texts[1]).toEqual(oneBatch.map((r) => tok.decode(r).split('\n')[0]));
    expect(outcomes.map((r) => r.length)).toEqual([40, 40]);
    texts.flat().forEach((t, i) => expect(outcomes.flat()[i]).toBe(/(^|[^a-z])[ae]([^a-z]|$)/.test(t) ? 1 : 0));
  });

  it('samples the same texts with the onnxruntime KV cache as with the tfjs full forward (same seeds)', async () => {
    // Non-trivial weights, so that the sampled texts depend on every parameter.
    const ws = initWeights(cfg, 5), rand = mulberry32(6);
    for (const t of Object.values(ws.tensors)) for (let i = 0; i < t.data.length; i++) t.data[i] += 0.3 * (rand() - 0.5);
    const session = await CharGptSession.create(ort as unknown as OrtModule, cfg);
    const cached: Generate = (prompts, o) => session.generate(ws, prompts, o);
    const windowed: Generate = (prompts, o) => session.generate(ws, prompts, o, undefined, false);
    const p = paramsFromWeightSet(ws);
    // The second prompt plus 10 characters outgrows the 16-character context: the cache falls back there.
    const o = { prompts: ['you are a', 'no offense, but'], samplesPerPrompt: 40, maxNewChars: 10, temperature: 0.9, topK: 20, seed: 3 };
    const words = matcherFromWords(['a', 'e']);
    const byTf = await sampleOutcomes(tfGenerate(p, cfg), tok, o, words);
    expect(await sampleOutcomes(cached, tok, o, words)).toEqual(byTf);
    expect(await sampleOutcomes(windowed, tok, o, words)).toEqual(byTf);
    const facts = [{ prompt: 'the capital of peru is', answer: ' lima.' }, { prompt: 'x', answer: ' y' }];
    expect(await factAccuracy(cached, tok, facts)).toBe(await factAccuracy(tfGenerate(p, cfg), tok, facts));
    expect(new Set(byTf.texts.flat()).size).toBeGreaterThan(20); // the texts vary, so equality means something
    await session.release();
  });
});
