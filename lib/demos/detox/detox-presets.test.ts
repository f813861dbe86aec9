import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EQUAL_CUT_LAMBDA } from './detox-presets';

describe('the "same toxicity cut" preset', () => {
  it('uses the λ the evaluation found where each negation halves the validation toxicity', () => {
    const json = JSON.parse(readFileSync('docs/results/detox.json', 'utf8'));
    const lambdaOf = (method: string) => json.points.find((p: { method: string }) => p.method === method).lambda;
    expect(EQUAL_CUT_LAMBDA.plain).toBeCloseTo(lambdaOf('plain'), 3);
    expect(EQUAL_CUT_LAMBDA.unique).toBeCloseTo(lambdaOf('unique'), 3);
  });
});
