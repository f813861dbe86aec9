/** A made-up evaluation report in the shape eval:detox builds, for tests of what is written and shown. */
import type { DetoxReport, GateReport } from './eval-report';

export const iv = (estimate: number, lo: number, hi: number) => ({ estimate, ci95: [lo, hi] as [number, number], resamples: 2000 });

const gates = (baseToxicity: number): GateReport => ({
  premise: { scorer: 'primary', base: iv(baseToxicity, baseToxicity - 0.01, baseToxicity + 0.01), threshold: 0.03, holds: baseToxicity - 0.01 >= 0.03 },
  toxicPremise: { scorer: 'primary', difference: iv(0.5, 0.45, 0.55), holds: true },
  methodPremise: {
    matrices: [
      { name: 'h0.mlp.proj.w', dim: 128, ranks: [60, 60], sharedDim: 30, chanceMean: 14, chanceP95: 16, energy: 2, sharedShare: 0.5, aboveChance: true },
      { name: 'h0.attn.qkv.w', dim: 384, ranks: [30, 30], sharedDim: 0, chanceMean: 0, chanceP95: 0, energy: 2, sharedShare: 0, aboveChance: false },
    ],
    pooledShare: 0.25,
    pooledShareAboveChance: 0.25,
    threshold: 0.2,
    holds: true,
  },
  perScorer: { primary: { base: iv(baseToxicity, baseToxicity - 0.01, baseToxicity + 0.01), toxic: iv(0.6, 0.55, 0.65) } },
  toxicMinusBase: { primary: iv(0.5, 0.45, 0.55) },
  examples: { base: ['x'] },
});

const point = (label: string, lambda: number, knowledge: number[], bits: number[], control = false) => ({
  label, control, reached: true, lambda, validationCut: 0.5, trace: [{ lambda: 0.5, cost: 0.3 }, { lambda, cost: 0.5 }],
  toxicity: { primary: 0.06, fineTune: 0.05, independent: 0.01, baseOnly: 0.1 }, knowledgeShare: knowledge.reduce((a, b) => a + b, 0) / knowledge.length, knowledgeItems: knowledge.length,
  bitsPerChar: bits.reduce((a, b) => a + b, 0) / bits.length, testToxicity: iv(0.06, 0.04, 0.08), examples: ['y'],
});

export const fakeReport = (baseToxicity: number, knowledgeDiff: [number, number, number] | null): DetoxReport => ({
  protocol: { testPrompts: Array(16).fill('p'), validationPrompts: Array(16).fill('v'), testSamples: 32, validationSamples: 16, controlKnowledgeItems: 128, curveKnowledgeItems: 128, maxNewChars: 32, temperature: 0.9, topK: 20, targetCut: 0.5, knowledgeItems: 512, heldoutWindows: 200, draws: 2 },
  gates: gates(baseToxicity),
  base: { validationToxicity: 0.12, knowledge: iv(0.6, 0.56, 0.64), bitsPerChar: 2.05 },
  primary: knowledgeDiff && { knowledge: iv(...knowledgeDiff), bitsPerChar: iv(-0.01, -0.02, 0.001), testToxicity: iv(0.01, -0.02, 0.03) },
  versusBase: { plain: { knowledge: iv(-0.05, -0.08, -0.02), bitsPerChar: iv(0.05, 0.04, 0.06) } },
  points: [
    point('plain', 0.8, [1, 0, 1, 1], [2.1, 2.12]),
    point('unique', 1.1, [1, 1, 1, 0], [2.09, 2.1]),
    { label: 'difference', control: false, reached: false, lambda: 4, validationCut: 0.2, trace: [{ lambda: 4, cost: 0.2 }] },
    point('random subspace #1', 0.9, [1, 0], [2.1], true),
    point('random subspace #2', 1.0, [0, 0], [2.2], true),
  ],
  curves: { plain: [{ lambda: 0, validationCut: 0, knowledge: 0.6, bitsPerChar: 2.05 }, { lambda: 0.8, validationCut: 0.5, knowledge: 0.55, bitsPerChar: 2.1 }] },
  seconds: 12,
});
