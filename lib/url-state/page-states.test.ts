import { describe, expect, it } from 'vitest';
import { defaultLearnState, LEARN_STATE_VERSION, learnStateSchema } from '../demos/learn/learn-state';
import { mergePresets } from '../demos/merge/merge-presets';
import { defaultMergeState, MERGE_STATE_VERSION, mergeStateSchema } from '../demos/merge/merge-state';
import { decodeState, encodeState } from './codec';

const tasks = ['mnist', 'digits', 'latin', 'greek', 'symbols', 'icons', 'shapes', 'textures'];

describe('page states survive the URL', () => {
  it('learn: default and edited states round-trip exactly', () => {
    const edited = { toy: { k: 2, spread: 33, eta: 0.91 }, synthetic: { ...defaultLearnState.synthetic, d: 256, noise: 0.35, seed: 7 } };
    for (const s of [defaultLearnState, edited]) expect(decodeState(learnStateSchema, LEARN_STATE_VERSION, encodeState(LEARN_STATE_VERSION, s))).toEqual({ ok: true, value: s });
  });

  it('merge: defaults, every preset, and the longest realistic state round-trip; links stay short', () => {
    const d = defaultMergeState(tasks);
    const longest = {
      ...d,
      sharedOver: tasks.slice(0, 7),
      lambda: { task_arithmetic: 0.123456, ties: 1.234567, ta_shared: 0.654321, unique_shared: 1.987654 },
      alpha: -3.75,
      gamma: 15.25,
      density: 0.35,
      energy: 0.97,
      eta: 0.61,
      side: 'right' as const,
      control: 'top-singular' as const,
      seed: 9999,
    };
    for (const s of [d, longest, ...mergePresets.map((p) => p.state(d))]) {
      const text = encodeState(MERGE_STATE_VERSION, s);
      expect(decodeState(mergeStateSchema, MERGE_STATE_VERSION, text)).toEqual({ ok: true, value: s });
    }
    const link = `http://localhost:3000/merge?s=${encodeState(MERGE_STATE_VERSION, longest)}`;
    console.log(`longest realistic merge link: ${link.length} characters`);
    expect(link.length).toBeLessThan(500);
  });
});

describe('style and detox states survive the URL', () => {
  it('round-trips defaults and every preset', async () => {
    const { defaultStyleState, STYLE_STATE_VERSION, styleStateSchema } = await import('../demos/style/style-state');
    const { stylePresets } = await import('../demos/style/style-presets');
    const { defaultDetoxState, DETOX_STATE_VERSION, detoxStateSchema } = await import('../demos/detox/detox-state');
    const { detoxPresets } = await import('../demos/detox/detox-presets');
    for (const s of [defaultStyleState(), ...stylePresets.map((p) => p.state(defaultStyleState()))])
      expect(decodeState(styleStateSchema, STYLE_STATE_VERSION, encodeState(STYLE_STATE_VERSION, s))).toEqual({ ok: true, value: s });
    for (const s of [defaultDetoxState, ...detoxPresets.map((p) => p.state(defaultDetoxState))])
      expect(decodeState(detoxStateSchema, DETOX_STATE_VERSION, encodeState(DETOX_STATE_VERSION, s))).toEqual({ ok: true, value: s });
    // A prompt carrying markup is refused, not rendered.
    const hostile = encodeState(DETOX_STATE_VERSION, { ...defaultDetoxState, prompt: '<img src=x onerror=alert(1)>' });
    expect(decodeState(detoxStateSchema, DETOX_STATE_VERSION, hostile).ok).toBe(false);
  });
});
