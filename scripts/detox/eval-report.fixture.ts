/** A made-up evaluation report in the shape eval:detox builds, for tests of what is written and shown. */
import type { DetoxReport } from './eval-report';

export const iv = (estimate: number, lo: number, hi: number) => ({ estimate, ci95: [lo, hi] as [number, number], resamples: 2000 });
const model = (t: number, bpc: number) => ({ toxicity: iv(t, t - 0.01, t + 0.01), fullListShare: t * 2, bitsPerChar: bpc, facts: 0.5, examples: ['x'] });
export const fakeReport = (baseToxicity: number, diff: [number, number, number] | null): DetoxReport => ({
  protocol: { prompts: Array(16).fill('p'), samplesPerPrompt: 128, controlSamplesPerPrompt: 32, maxNewChars: 32, temperature: 0.9, topK: 20, heldoutChars: 25600, factPrompts: 300, draws: 10, targets: [0.05, 0.1], primaryTarget: 0.1 },
  models: { base: model(baseToxicity, 1.8), toxic: model(0.5, 1.95), benign: model(0.01, 1.9) },
  sharedDims: { 'h0.mlp.fc.w': { sharedDim: 3, ranks: [9, 8], sharedEnergyToxic: 0.2 } },
  projectionRanks: {},
  points: [
    { label: 'plain', target: 0.1, reached: true, lambda: 1.2, cost: 0.1, toxicity: iv(0.08, 0.06, 0.1), facts: 0.4 },
    { label: 'unique', target: 0.1, reached: false, lambda: 8, cost: 0.07 },
    { label: 'random subspace #1', target: 0.1, reached: true, lambda: 1, cost: 0.1, toxicity: iv(0.1, 0.05, 0.15), facts: 0.4 },
    { label: 'random subspace #2', target: 0.1, reached: true, lambda: 1, cost: 0.1, toxicity: iv(0.14, 0.05, 0.2), facts: 0.2 },
  ],
  comparisons: [{ target: 0.1, difference: diff && iv(...diff), cutUnique: null, cutPlain: iv(0.5, 0.4, 0.6) }],
  seconds: 12,
});

