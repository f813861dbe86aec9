import { describe, expect, it } from 'vitest';
import { recipeSchema } from '../recipe/schema';
import { encodeState } from '../url-state/codec';
import { readLink, withLink } from '../url-state/location';
import { propertyTable, sliderOf } from '../url-state/property-table';
import type { AnyDemo } from '../demo/contract';
import { demos } from './registry';

// Every registered demo meets its contract: one generic test, no per-demo copy.
describe.each(Object.entries(demos) as [string, AnyDemo][])('demo "%s"', (key, demo) => {
  const states = [demo.state.defaults, ...demo.presets.map((p) => p.state(demo.state.defaults))];

  it('is registered under its own id', () => expect(demo.id).toBe(key));

  it('has valid defaults and presets', () => {
    for (const s of states) expect(demo.state.schema.safeParse(s).error).toBeUndefined();
    expect(demo.presets.length).toBeGreaterThan(0);
    expect(new Set(demo.presets.map((p) => p.title)).size).toBe(demo.presets.length);
  });

  it('round-trips defaults and every preset through the URL, and through links written before', () => {
    for (const s of states) {
      const link = withLink(new URL(`https://lab.test/${demo.id}`), demo.state.schema, demo.state.version, s);
      expect(readLink(link, demo.state.schema, demo.state.version, demo.state.defaults)).toEqual({ kind: 'ok', legacy: false, value: s });
      const old = new URL(`https://lab.test/${demo.id}#s=${encodeState(demo.state.version, s)}`);
      expect(readLink(old, demo.state.schema, demo.state.version, demo.state.defaults)).toEqual({ kind: 'ok', legacy: true, value: s });
    }
  });

  it('labels every numeric setting with a slider range inside the valid one', () => {
    for (const p of propertyTable(demo.state.schema).filter((r) => r.kind === 'number' || r.kind === 'integer')) {
      const r = sliderOf(demo.state.schema, p.path);
      expect(r.min).toBeGreaterThanOrEqual(p.min ?? -Infinity);
      expect(r.max).toBeLessThanOrEqual(p.max ?? Infinity);
    }
  });

  it('turns every state into recipes the one recipe schema accepts, exports among them', () => {
    for (const s of states) {
      const recipes = demo.recipes(s);
      expect(recipes.length).toBeGreaterThan(0);
      expect(new Set(recipes.map((r) => r.id)).size).toBe(recipes.length);
      for (const r of recipes) if (r.recipe) expect(recipeSchema.safeParse(r.recipe).error, `${r.id}`).toBeUndefined();
      const exports = demo.exports(s);
      expect(exports.length).toBeGreaterThan(0);
      for (const e of exports) expect(recipes.map((r) => r.id)).toContain(e.id);
    }
  });
});
