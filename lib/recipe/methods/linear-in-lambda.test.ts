import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../util/random';
import { getMethod, methodParamsSchema, methods } from './registry';

// applyRecipe computes each recipe's direction at lambda = 1 and scales it (and LabEngine caches
// the direction across lambda edits): that is only right for methods whose delta is lambda times
// a direction that does not depend on lambda. A new method that is not must fail here.
describe('every method is lambda times a direction', () => {
  const shape = [6, 5];
  const rand = mulberry32(3);
  // A common part, as fine-tunes of one base have (Model Stock keeps the base for uncorrelated tasks).
  const common = Array.from({ length: 30 }, () => rand() - 0.5);
  const vectors = () => Array.from({ length: 3 }, (_, t) => Float32Array.from({ length: 30 }, (_, i) => (rand() - 0.5) * (t + 1) + common[i]));
  for (const m of methods) {
    it(m.name, () => {
      const v = vectors();
      const at = (lambda: number) => {
        const out = new Float32Array(30);
        getMethod(m.name).apply(v.map((x) => x.slice()), methodParamsSchema.parse({ name: m.name, lambda }), out, { name: 'layer.weight', shape });
        return out;
      };
      const one = at(1);
      expect(Math.max(...one.map(Math.abs))).toBeGreaterThan(0.01);
      for (const lambda of [0.35, 2.5]) at(lambda).forEach((x, i) => expect(x).toBeCloseTo(lambda * one[i], 5));
    });
  }
});
