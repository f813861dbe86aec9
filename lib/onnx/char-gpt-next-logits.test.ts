import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { buildCharGptGraph, buildCharGptStepGraph, type CharGptConfig, forward, initWeights, paramsFromWeightSet } from '../models/char-gpt';
import { sampleChars } from '../models/char-sampling';
import type { WeightSet } from '../tensors/weight-set';
import { mulberry32 } from '../util/random';
import { cachedNextLogits, restartContext, type RunGraph, windowNextLogits } from './char-gpt-next-logits';
import type { OrtModule } from './session';

const ortModule = ort as unknown as OrtModule;
const c: CharGptConfig = { vocabSize: 13, blockSize: 10, nLayer: 2, nHead: 2, nEmbd: 16 };

/** Random weights with non-trivial norms and biases, so every parameter matters in the comparison. */
function randomModel(seed: number): WeightSet {
  const ws = initWeights(c, seed), rand = mulberry32(seed + 1);
  for (const t of Object.values(ws.tensors)) for (let i = 0; i < t.data.length; i++) t.data[i] += 0.3 * (rand() - 0.5);
  return ws;
}

async function runner(graph: Uint8Array): Promise<RunGraph> {
  const session = await ort.InferenceSession.create(graph);
  return (feeds) => session.run(feeds as Record<string, ort.Tensor>);
}

/** tfjs logits after the whole of one sequence (no padding, no cache). */
const lastLogits = (ws: WeightSet, seq: number[]): Float32Array =>
  tf.tidy(() => forward(paramsFromWeightSet(ws), tf.tensor2d(seq, [1, seq.length], 'int32'), c).slice([seq.length - 1, 0], [1, c.vocabSize]).dataSync() as Float32Array);

const maxAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('char GPT with a KV cache', () => {
  it('gives the full forward logits at every step, for rows of different lengths (max abs diff < 1e-4)', async () => {
    await tf.setBackend('cpu');
    const ws = randomModel(3), rand = mulberry32(9);
    const step = await runner(buildCharGptStepGraph(c)), window = await runner(buildCharGptGraph(c));
    const next = cachedNextLogits(ortModule, step, window, ws, c);
    // The same with the prompts going in at once (a step graph for 8 tokens per row).
    const prefilled = cachedNextLogits(ortModule, step, window, ws, c, { prefill: { run: await runner(buildCharGptStepGraph(c, undefined, 8)), tokens: 8 } });
    const seqs = [[1, 2, 3], [4], [5, 6, 7, 8, 9, 10]];
    for (let k = 0; k < 4; k++) {
      const got = await next(seqs), viaPrefill = await prefilled(seqs); // (B, V)
      seqs.forEach((s, b) => {
        const want = lastLogits(ws, s);
        expect(maxAbsDiff(got.subarray(b * c.vocabSize, (b + 1) * c.vocabSize), want)).toBeLessThan(1e-4);
        expect(maxAbsDiff(viaPrefill.subarray(b * c.vocabSize, (b + 1) * c.vocabSize), want)).toBeLessThan(1e-4);
      });
      seqs.forEach((s) => s.push(Math.floor(rand() * c.vocabSize)));
    }
  });

  it('samples the same characters as the full-window graph, also once rows outgrow the context', async () => {
    const ws = randomModel(5), step = await runner(buildCharGptStepGraph(c)), window = await runner(buildCharGptGraph(c));
    const prompts = [[1, 2, 3, 4], [5], [6, 7, 8, 9, 10, 11, 12]];
    const o = { maxNewChars: 14, temperature: 0.8, topK: 5, seed: 11, stopIds: [0] };
    const cached = await sampleChars(cachedNextLogits(ortModule, step, window, ws, c), prompts, c.vocabSize, o);
    const plain = await sampleChars(windowNextLogits(ortModule, window, ws, c), prompts, c.vocabSize, o);
    expect(cached).toEqual(plain);
    const prefill = { run: await runner(buildCharGptStepGraph(c, undefined, c.blockSize)), tokens: c.blockSize };
    expect(await sampleChars(cachedNextLogits(ortModule, step, window, ws, c, { prefill }), prompts, c.vocabSize, o)).toEqual(plain);
    // Weights baked into both graphs instead of fed: the same texts.
    const baked = cachedNextLogits(ortModule, await runner(buildCharGptStepGraph(c, ws)), await runner(buildCharGptGraph(c, c.blockSize, ws)), null, c);
    expect(await sampleChars(baked, prompts, c.vocabSize, o)).toEqual(plain);
    expect(Math.max(...cached.map((r, i) => r.length + prompts[i].length))).toBeGreaterThan(c.blockSize); // the sliding part ran
  });

  it('with restarts, samples what the full window samples on the restart contexts (rows restart on their own)', async () => {
    const ws = randomModel(7), step = await runner(buildCharGptStepGraph(c)), window = await runner(buildCharGptGraph(c)), keep = 4;
    const prompts = [[1, 2, 3], [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3], [5]]; // the second starts past the context
    const o = { maxNewChars: 16, temperature: 0.8, topK: 5, seed: 2 };
    const windowed = windowNextLogits(ortModule, window, ws, c);
    const reference = await sampleChars((seqs) => windowed(seqs.map((q) => q.slice(-restartContext(q.length, c.blockSize, keep)))), prompts, c.vocabSize, o);
    const cached = await sampleChars(cachedNextLogits(ortModule, step, window, ws, c, { restartKeep: keep }), prompts, c.vocabSize, o);
    expect(cached).toEqual(reference);
    // Prompts and restarts through a prefill graph for the whole context: the same texts.
    const prefill = { run: await runner(buildCharGptStepGraph(c, undefined, c.blockSize)), tokens: c.blockSize };
    expect(await sampleChars(cachedNextLogits(ortModule, step, window, ws, c, { restartKeep: keep, prefill }), prompts, c.vocabSize, o)).toEqual(reference);
    expect([10, 11, 12, 17, 18].map((L) => restartContext(L, 10, 4))).toEqual([10, 4, 5, 10, 4]);
  });
});
