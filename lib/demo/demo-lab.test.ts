import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CancelledError } from '../decompose/decompose-weights';
import type { WeightSet } from '../tensors/weight-set';
import type { DemoContract, DemoEvent, WeightEditor } from './contract';
import { DemoLab } from './demo-lab';

const recipe = (lambda: number) => ({
  version: 1 as const,
  models: { base: 'b', tasks: ['t'] },
  decomposition: { energy: 0.9, maxRank: null, eta: 0.85, side: 'left' as const, vectors: 'unique' as const, over: null, control: 'none' as const, seed: 0 },
  terms: [{ task: 0, part: 'full' as const, coefficient: 1 }],
  method: { name: 'task_arithmetic' as const, lambda },
  seed: 0,
});

function fixture(failFirstOpen = false) {
  const applied: number[] = [];
  let opens = 0, cancels = 0;
  const engine: WeightEditor = {
    addWeights: () => undefined,
    apply: async (r) => {
      applied.push((r as ReturnType<typeof recipe>).method.lambda);
      return { tensors: {} } as WeightSet;
    },
    decompose: async () => [],
    cancel: () => void cancels++,
  };
  const demo: DemoContract<{ lambda: number }, string, number, { slow: string }> = {
    id: 'toy',
    state: { schema: z.object({ lambda: z.number().max(2) }).strict(), version: 1, defaults: { lambda: 1 } },
    presets: [],
    recipes: (s) => [{ id: 'a', title: 'a', formula: '', recipe: recipe(s.lambda) }],
    exports: () => [],
    open: async (_host, run) => {
      run.progress('load', 1, 1);
      if (failFirstOpen && opens++ === 0) throw new Error('offline');
      return {
        info: 'loaded',
        evaluate: async (s, r) => {
          await r.weights(recipe(s.lambda));
          r.partial('x', s.lambda);
          return s.lambda * 10;
        },
        actions: {
          slow: async (_s, r) => {
            await new Promise((ok) => setTimeout(ok, 20));
            r.check();
            return 'done';
          },
        },
      };
    },
  };
  const lab = new DemoLab({ engine, ort: async () => Promise.reject(new Error('unused')) }, { toy: demo });
  return { lab, typed: lab.typed(demo), applied, counts: () => ({ opens, cancels }) };
}

describe('the generic demo lab', () => {
  it('loads once, reports events, validates states and caches applied recipes', async () => {
    const { typed, applied } = fixture();
    const events: DemoEvent[] = [];
    expect(await typed.load((e) => events.push(e))).toBe('loaded');
    expect(events).toEqual([{ kind: 'progress', stage: 'load', loaded: 1, total: 1 }]);
    expect(await typed.evaluate({ lambda: 1 }, (e) => events.push(e))).toBe(10);
    expect(events.at(-1)).toEqual({ kind: 'partial', key: 'x', value: 1 });
    await typed.evaluate({ lambda: 1 });
    await typed.evaluate({ lambda: 2 });
    expect(applied).toEqual([1, 2]); // the second λ = 1 came from the cache
    await expect(typed.evaluate({ lambda: 3 })).rejects.toThrow();
  });

  it('cancels the running calls of a demo and tries a failed load again', async () => {
    const { lab, typed, counts } = fixture(true);
    await expect(typed.load()).rejects.toThrow('offline');
    expect(await typed.load()).toBe('loaded');
    const running = typed.action('slow', { lambda: 1 });
    lab.cancel('toy');
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    expect(counts().cancels).toBe(1);
    expect(await typed.action('slow', { lambda: 1 })).toBe('done'); // a new call has a fresh token
    await expect(lab.action('toy', 'missing', { lambda: 1 })).rejects.toThrow('no action "missing"');
    await expect(lab.load('nope')).rejects.toThrow('no demo "nope"');
  });
});
