import { describe, expect, it } from 'vitest';
import { defaultDetoxState, DETOX_STATE_VERSION, detoxStateSchema } from '../demos/detox/detox-state';
import { defaultLearnState, LEARN_STATE_VERSION, learnStateSchema } from '../demos/learn/learn-state';
import { mergePresets } from '../demos/merge/merge-presets';
import { defaultMergeState, MERGE_STATE_VERSION, mergeStateSchema } from '../demos/merge/merge-state';
import { defaultStyleState, STYLE_STATE_VERSION, styleStateSchema } from '../demos/style/style-state';
import { readLink, withLink } from './location';
import { propertyTable, sliderOf } from './property-table';

const tasks = ['mnist', 'digits', 'latin', 'greek', 'symbols', 'icons', 'shapes', 'textures'];
const mergeDefaults = defaultMergeState(tasks);
/** The page's defaults when the legacy links below were written (v3 models): a link carries every value it was made with. */
const mergeDefaultsThen = { ...mergeDefaults, lambda: { task_arithmetic: 0.1, ties: 0.3, ta_shared: 0.1, unique_shared: 0.1 }, alpha: 4, gamma: 1, energy: 0.9, eta: 0.5, side: 'left' as const };

// Links this app wrote before the property table (compressed blobs in `#s=` or `?s=`), captured
// from the old encoder: they must keep opening, with exactly these states.
const LEGACY = {
  merge: 'v1.TU5LDoJADL1L1xOCRhfOJTyAMaQyFRpnBp0WE2O4uwVcsOt7fb8vKMpDwF8gZRYFB4E7VoGrA-mxUDi_qdjfcMR0Cwh-NTVYWPtEyi34ujo4UCZLWk9sVvcfj5lfI225yQHGZ29x9u4wJbt21k5ZWD-zZO-AMpVuAScDapK6OtowDgQeIt3nwe2QtQzRiDxkMkJo6Zh-',
  style: 'v2.jY9NCoMwEIXvMutUVFqwuUrpYmqGNGCmkkRBxLv3xU233c374ePNTrlsk2SyD0riyNCiTtIUVOhpSDmsQnY_M9sZerHzMHD9erY7EEjhv4qeY0SzbW6GRCX5rYo7RAW0zQB_lbF8EkZRfjOIlyis2JaLzHD7KzBLcKwjoD18jvP5xIBb6oL2-AI',
  /** Written by the style page before its models were rebuilt (state version 1): refused in words. */
  styleV1: 'v1.lY9RDoMgEETvst_UqGkTy1WafmxlAySCBqiJMd69g-0F-jczvAyzO-WyTZJJP-g1T4YUGc5ODD0VRfarkN4pwetOfYkqoreunOpH6-7AsxT-A7ccAvi2uSmSKMlu1dxhak3bDMhXGcucMI-yY_RegnDEyFxkQdpfUfP2huOIoT1yDst5zgAt9af2-AA',
  detox: 'v1.LY7LCoMwFER_Jcw6iJUKNtsuu_EXbvVaA-bRmwRaiv_egO5mDodhfogSXMwwyCuriaLNtKmwqEXIT6xsgsZG7jkTTLU3sh7molG8fReucdfI7CIL5SIVtM2tkhAfMF2rkZhnmGun4ehzX0lSbYMGe5bX99Q51_W2GfrDTyPLeP7q9z8',
  learn: 'v1.Pc3dCoMwDAXgdznXYay6DZfrvUiZQYtYpQ2CSN_d1Avv8nPy5YAuO_jABG4IeU3ie3DbEkQ9-Pn4umLzPeooGv41anvXdFRPLJZHn6T_hRn8IqwpbF7laj-EuIQsVXG3172tjJIGe2u6ASJVLOUE',
};

describe('links through the property table', () => {
  it('old #s= and ?s= links open as the states they were written for', () => {
    const url = (q: string) => new URL(`https://lab.test/page${q}`);
    expect(readLink(url(`#s=${LEGACY.merge}`), mergeStateSchema, MERGE_STATE_VERSION, mergeDefaults)).toEqual({ kind: 'ok', legacy: true, value: mergePresets[3].state(mergeDefaultsThen) });
    // A v2 style link opens under the version it was made by; the page is now at version 3 (new models), which refuses it in words.
    expect(readLink(url(`?s=${LEGACY.style}`), styleStateSchema, 2, defaultStyleState())).toEqual({ kind: 'ok', legacy: true, value: { ...defaultStyleState(), styles: ['red', 'underline'], gamma: 0.5, energy: 0.9 } });
    expect(readLink(url(`?s=${LEGACY.style}`), styleStateSchema, STYLE_STATE_VERSION, defaultStyleState())).toMatchObject({ kind: 'error', error: expect.stringMatching(/made by version 2 of this page; this is version 3/) });
    expect(readLink(url(`#s=${LEGACY.styleV1}`), styleStateSchema, STYLE_STATE_VERSION, defaultStyleState())).toMatchObject({ kind: 'error', error: expect.stringMatching(/made by version 1 of this page; this is version 3/) });
    // A v1 detox link opens as what it was written for under the version it was made by (its 48 characters, the default then); the page is now at version 2 (new models).
    expect(readLink(url(`?s=${LEGACY.detox}`), detoxStateSchema, 1, defaultDetoxState)).toEqual({ kind: 'ok', legacy: true, value: { ...defaultDetoxState, prompt: 'the capital of france is', seed: 42, maxChars: 48 } });
    expect(readLink(url(`?s=${LEGACY.detox}`), detoxStateSchema, DETOX_STATE_VERSION, defaultDetoxState)).toMatchObject({ kind: 'error', error: expect.stringMatching(/made by version 1 of this page; this is version 2/) });
    expect(readLink(url(`#s=${LEGACY.learn}`), learnStateSchema, LEARN_STATE_VERSION, defaultLearnState)).toEqual({ kind: 'ok', legacy: true, value: { ...defaultLearnState, toy: { k: 2, spread: 33, eta: 0.91 } } });
  });

  it('an old link is rewritten row by row, readable, and reads back to the same state', () => {
    const old = new URL(`https://lab.test/merge?backend=wasm&s=${LEGACY.merge}`);
    const read = readLink(old, mergeStateSchema, 1, mergeDefaults);
    if (read.kind !== 'ok') throw new Error('legacy link did not open');
    const next = withLink(old, mergeStateSchema, 1, read.value);
    expect(next.searchParams.get('backend')).toBe('wasm');
    expect(next.searchParams.has('s')).toBe(false);
    expect(next.hash).toBe('#v=1&tasks=mnist,digits&sharedOver=&lambda.task_arithmetic=0.4&lambda.ties=0.4&lambda.ta_shared=0.4&lambda.unique_shared=0.4&alpha=4&gamma=1&density=0.2&energy=0.9&eta=0.5&side=left&control=none&controlForm=ta_shared&seed=0');
    expect(readLink(next, mergeStateSchema, 1, mergeDefaults)).toEqual({ kind: 'ok', legacy: false, value: read.value });
    // Written before side 'auto' existed: a right-side link still reads as right.
    const before = new URL(next.href.replace('side=left', 'side=right'));
    expect(readLink(before, mergeStateSchema, 1, mergeDefaults)).toEqual({ kind: 'ok', legacy: false, value: { ...read.value, side: 'right' } });
  });

  it('every page state and preset round-trips, text with markup included', () => {
    const cases: [import('zod').ZodType, unknown][] = [
      [mergeStateSchema, { ...mergeDefaults, sharedOver: ['mnist', 'digits'], alpha: -3.75, side: 'right' }],
      [mergeStateSchema, { ...mergeDefaults, side: 'auto' }],
      ...mergePresets.map((p): [import('zod').ZodType, unknown] => [mergeStateSchema, p.state(mergeDefaults)]),
      [styleStateSchema, { ...defaultStyleState(), styles: ['red', 'badge', 'underline'], naive: { red: 0.35, badge: 2.5, underline: 0 } }],
      [detoxStateSchema, { ...defaultDetoxState, prompt: "it's 5 o'clock, (really)? yes; no: maybe - ok!" }],
      [learnStateSchema, { ...defaultLearnState, synthetic: { ...defaultLearnState.synthetic, noise: 0.35 } }],
    ];
    for (const [schema, value] of cases) {
      const link = withLink(new URL('https://lab.test/p'), schema, 1, value);
      expect(readLink(link, schema, 1, value)).toEqual({ kind: 'ok', legacy: false, value });
      expect(link.href.length).toBeLessThan(500);
    }
  });

  it('refuses in words: unknown keys, bad values, a newer version, markup; a missing key keeps its default', () => {
    const read = (hash: string) => readLink(new URL(`https://lab.test/detox#${hash}`), detoxStateSchema, 1, defaultDetoxState);
    expect(read('v=1&evil=1')).toEqual({ kind: 'error', error: 'the link has an invalid setting: unknown setting evil' });
    expect(read('v=1&temperature=9')).toMatchObject({ error: expect.stringMatching(/temperature is above its maximum \(2\)/) });
    expect(read('v=1&topK=x')).toMatchObject({ error: expect.stringMatching(/topK should be a number/) });
    expect(read('v=1&topK=2.5')).toMatchObject({ error: expect.stringMatching(/topK/) });
    expect(read('v=7&seed=1')).toMatchObject({ error: expect.stringMatching(/made by version 7/) });
    expect(read(`v=1&prompt=${encodeURIComponent('<img src=x onerror=alert(1)>')}`)).toMatchObject({ kind: 'error' });
    expect(read('v=1&seed=3')).toEqual({ kind: 'ok', legacy: false, value: { ...defaultDetoxState, seed: 3 } });
    expect(read('')).toEqual({ kind: 'none' });
    expect(read('v=1&x=' + 'A'.repeat(9000))).toMatchObject({ error: expect.stringMatching(/too long/) });
  });

  it('gives sliders their label and range from the same table', () => {
    expect(sliderOf(mergeStateSchema, 'eta')).toEqual({ label: 'Threshold η', min: 0.3, max: 1, step: 0.01 });
    expect(sliderOf(detoxStateSchema, 'seed')).toMatchObject({ min: 0, max: 100, step: 1 }); // the schema accepts up to 99999
    expect(propertyTable(styleStateSchema).map((p) => p.path)).toContain('naive.underline');
  });
});
