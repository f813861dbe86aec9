import { describe, expect, it } from 'vitest';
import { formatSchedule, layerStrip, parseSchedule, perBlockSchedule, toggleLayer } from '../layer-strip';
import { readPastedMergekit } from './paste-mergekit';

describe('a pasted mergekit config', () => {
  it('becomes a recipe with a summary, or a list of problems, never a throw', () => {
    const ok = readPastedMergekit('merge_method: task_arithmetic\nbase_model: b\nmodels:\n  - model: x\n    parameters: {weight: [0, 1]}\n');
    expect(ok).toMatchObject({ ok: true, summary: 'task_arithmetic over 1 model on b, lambda 1, per-layer weights' });
    const bad = readPastedMergekit('merge_method: slerp\nslices: []\n');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.slice(0, 2)).toEqual([expect.stringMatching(/^slices/), expect.stringMatching(/^merge_method: slerp/)]);
    expect(readPastedMergekit('merge_method: [unclosed')).toMatchObject({ ok: false, problems: [expect.stringMatching(/^not readable YAML/)] });
    expect(readPastedMergekit('  ')).toMatchObject({ ok: false });
  });
});

describe('a term layer by layer', () => {
  const names = [0, 1, 2].flatMap((i) => [`h.${i}.attn.w`, `h.${i}.mlp.w`]).concat(['wte']);
  it('evaluates gradients, name filters and layer filters per block', () => {
    expect(layerStrip({ task: 0, part: 'full', coefficient: 2, schedule: [0, 1] }, names).map((c) => c.max)).toEqual([0, 1, 2]);
    expect(layerStrip({ task: 0, part: 'full', coefficient: 1, schedule: [{ filter: 'mlp', value: 0.5 }, { value: 1 }] }, names)[1]).toEqual({ index: 1, min: 0.5, max: 1, touched: true });
    expect(layerStrip({ task: 0, part: 'full', coefficient: 1, layers: [2] }, names).map((c) => c.touched)).toEqual([false, false, true]);
  });
});

describe('editing a term layer by layer', () => {
  const term = { task: 0, part: 'unique' as const, coefficient: 1 };
  it('clicking blocks filters them out and back in; a filter of every block is no filter', () => {
    const off = toggleLayer(term, 1, [0, 1, 2]);
    expect(off.layers).toEqual([0, 2]);
    expect(toggleLayer(off, 1, [0, 1, 2])).toEqual(term);
  });
  it('reads and writes schedules as text: none, a number, a gradient, name filters as JSON', () => {
    for (const s of [undefined, 0.5, [0, 0.5, 1], [{ filter: 'mlp', value: [1, 0] }, { value: 0.5 }]]) expect(parseSchedule(formatSchedule(s))).toEqual({ ok: true, value: s });
    expect(parseSchedule('0 1,2')).toEqual({ ok: true, value: [0, 1, 2] });
    expect(parseSchedule('0, x')).toMatchObject({ ok: false });
    expect(parseSchedule('[{"filter": 3}]')).toMatchObject({ ok: false });
  });
  it('spreads a gradient into one value per block, which reads back the same per block', () => {
    const names = [0, 1, 2, 3, 4].map((i) => `h.${i}.w`);
    const blocks = perBlockSchedule([0, 1], 5)!;
    expect(blocks).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const strip = (schedule: number[]) => layerStrip({ ...term, schedule }, names).map((c) => c.max);
    expect(strip(blocks)).toEqual(strip([0, 1]));
    expect(perBlockSchedule(undefined, 3)).toEqual([1, 1, 1]);
    expect(perBlockSchedule([{ filter: 'mlp', value: 1 }], 3)).toBeUndefined();
  });
});
