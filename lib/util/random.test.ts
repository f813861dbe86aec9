import { describe, expect, it } from 'vitest';
import * as mergeRandom from '../datasets/merge/random';
import * as detoxRandom from '../detox/seeded-random';
import { mulberry32, pick, randInt, seedFor, shuffle, shuffled, standardNormal, uniform } from './random';

// The merge data, the detox corpora and the ViT initialisation were generated with two older
// modules; the one module must reproduce their streams exactly.
const SEEDS = [0, 1, 7, 42, 2024, 0xdeadbeef];
const ITEMS = Array.from({ length: 37 }, (_, i) => `w${i}`);

function draws<T>(seed: number, draw: (rng: () => number) => T, n = 200): T[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => draw(rng));
}

describe('lib/util/random reproduces the older seeded modules', () => {
  it.each(SEEDS)('seed %i: merge data helpers', (seed) => {
    expect(draws(seed, (r) => pick(r, ITEMS))).toEqual(draws(seed, (r) => mergeRandom.pick(r, ITEMS)));
    expect(draws(seed, (r) => randInt(r, 13))).toEqual(draws(seed, (r) => mergeRandom.randInt(r, 13)));
    expect(draws(seed, (r) => uniform(r, -2, 3))).toEqual(draws(seed, (r) => mergeRandom.uniform(r, -2, 3)));
    expect(draws(seed, standardNormal)).toEqual(draws(seed, mergeRandom.gaussian));
    expect(draws(seed, (r) => shuffle(r, ITEMS.slice()), 20)).toEqual(draws(seed, (r) => mergeRandom.shuffle(r, ITEMS.slice()), 20));
    expect(seedFor(seed, 'fonts')).toBe(mergeRandom.seedFor(seed, 'fonts'));
  });

  it.each(SEEDS)('seed %i: detox corpus helpers (pick with its arguments the other way round)', (seed) => {
    const a = detoxRandom.seededRandom(seed);
    const b = mulberry32(seed);
    expect(Array.from({ length: 50 }, () => a())).toEqual(Array.from({ length: 50 }, () => b()));
    expect(draws(seed, (r) => pick(r, ITEMS))).toEqual(draws(seed, (r) => detoxRandom.pick(ITEMS, r)));
    expect(draws(seed, (r) => shuffled(r, ITEMS), 20)).toEqual(draws(seed, (r) => detoxRandom.shuffled(ITEMS, r), 20));
  });

  it('shuffled leaves its input alone', () => {
    const xs = ITEMS.slice();
    shuffled(mulberry32(1), xs);
    expect(xs).toEqual(ITEMS);
  });
});
