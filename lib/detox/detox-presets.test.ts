import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MATCHED_COST_LAMBDA } from './detox-presets';

describe('the "same fluency cost" preset', () => {
  it('uses the λ the evaluation found at the primary cost', () => {
    const json = JSON.parse(readFileSync('docs/results/detox.json', 'utf8'));
    const lambdaOf = (method: string) => json.points.find((p: { method: string; target: number }) => p.method === method && p.target === json.protocol.primaryTarget).lambda;
    expect(MATCHED_COST_LAMBDA.plain).toBeCloseTo(lambdaOf('plain'), 3);
    expect(MATCHED_COST_LAMBDA.unique).toBeCloseTo(lambdaOf('unique'), 3);
  });
});
