import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { forward, initWeights, paramsFromWeightSet, type CharGptConfig } from '../../models/char-gpt';
import { makeCharTokenizer } from '../../text/char-tokenizer';
import { mulberry32 } from '../../util/random';
import { clozeItems, clozeOutcomes, textLogProbs } from './knowledge-probe';

const tok = makeCharTokenizer();
const cfg: CharGptConfig = { vocabSize: tok.vocabSize, blockSize: 64, nLayer: 1, nHead: 2, nEmbd: 16 };
const lines = [
  'the whale swam under the ship and the sailors watched it go by.',
  'a small house stood near the river where the mill used to turn.',
  'the people of this nation have shown their courage again and again.',
  'short line',
];

describe('knowledge cloze', () => {
  it('swaps one word for three held-out words of the same length, the original first', () => {
    const items = clozeItems(lines, 3, mulberry32(1));
    expect(items).toHaveLength(3);
    for (const it of items) {
      expect(lines).toContain(it.choices[0]);
      expect(new Set(it.choices).size).toBe(4);
      for (const c of it.choices) expect(c.length).toBe(it.choices[0].length);
    }
    expect(clozeItems(lines, 3, mulberry32(1))).toEqual(items);
  });

  it('sums the log-probabilities of the forward pass, and counts an item right only if the original wins', () => {
    const p = paramsFromWeightSet(initWeights(cfg, 2));
    const text = 'the ship.';
    const [lp] = textLogProbs(p, cfg, tok, [text]);
    const ids = tok.encode(`\n${text}`);
    const logp = tf.tidy(() => tf.logSoftmax(forward(p, tf.tensor2d(ids.slice(0, -1), [1, ids.length - 1], 'int32'), cfg)).arraySync() as number[][]);
    expect(lp).toBeCloseTo(ids.slice(1).reduce((s, id, j) => s + logp[j][id], 0), 4);
    const items = clozeItems(lines, 3, mulberry32(1));
    const outcomes = clozeOutcomes(p, cfg, tok, items);
    const lps = textLogProbs(p, cfg, tok, items.flatMap((i) => i.choices));
    expect(outcomes).toEqual(items.map((_, i) => (lps.slice(4 * i + 1, 4 * i + 4).every((v) => v < lps[4 * i]) ? 1 : 0)));
  });
});
