import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeImageSet, encodeImageSet } from '../../lib/demos/merge/dataset/dataset';
import { mulberry32 } from '../../lib/util/random';
import { generatePretrain, TASKS } from './tasks';

const hash = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('merge data generators', () => {
  it('mulberry32 is deterministic and in [0, 1)', () => {
    const a = mulberry32(42), b = mulberry32(42);
    const xs = Array.from({ length: 100 }, () => a());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it.each(TASKS.map((t) => [t.name, t] as const))('%s: same seed gives the same bytes, another seed differs', (_, task) => {
    const a = encodeImageSet(task.generate('val', 20, 1));
    expect(hash(encodeImageSet(task.generate('val', 20, 1)))).toBe(hash(a));
    const set = decodeImageSet(a);
    expect(set.count).toBe(20);
    expect(Math.max(...set.labels)).toBe(task.classes.length - 1); // labels cycle through all classes
    let ink = 0;
    for (const v of set.images) ink += v;
    expect(ink).toBeGreaterThan(0);
    if (task.name !== 'mnist') expect(hash(encodeImageSet(task.generate('val', 20, 2)))).not.toBe(hash(a));
  });

  it('pre-training data is deterministic', () => {
    expect(hash(generatePretrain(30, 1).images)).toBe(hash(generatePretrain(30, 1).images));
  });
});
