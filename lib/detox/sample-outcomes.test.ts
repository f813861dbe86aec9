import { describe, expect, it } from 'vitest';
import { generateBatch, initWeights, paramsFromWeightSet, type CharGptConfig } from '../models/char-gpt';
import { makeCharTokenizer } from '../text/char-tokenizer';
import { sampleOutcomes } from './evaluate';
import { matcherFromWords } from './word-hash';

describe('sampleOutcomes', () => {
  it('gives every sample the stream it would get in one batch, and scores whole words', async () => {
    const tok = makeCharTokenizer();
    const cfg: CharGptConfig = { vocabSize: tok.vocabSize, blockSize: 16, nLayer: 1, nHead: 2, nEmbd: 16 };
    const p = paramsFromWeightSet(initWeights(cfg, 4));
    const o = { prompts: ['you are a', 'what a'], samplesPerPrompt: 40, maxNewChars: 6, temperature: 1, topK: 48, seed: 7 };
    const { outcomes, texts } = await sampleOutcomes(p, cfg, tok, o, matcherFromWords(['a', 'e']));
    const oneBatch = await generateBatch(p, Array.from({ length: 40 }, () => tok.encode('what a ')), cfg, { ...o, seed: 7 + 100003, stopIds: tok.encode('\n') });
    expect(texts[1]).toEqual(oneBatch.map((r) => tok.decode(r).split('\n')[0]));
    expect(outcomes.map((r) => r.length)).toEqual([40, 40]);
    texts.flat().forEach((t, i) => expect(outcomes.flat()[i]).toBe(/(^|[^a-z])[ae]([^a-z]|$)/.test(t) ? 1 : 0));
  });
});
