import { describe, expect, it } from 'vitest';
import { layerStrip } from '../layer-strip';
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
