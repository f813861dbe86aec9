import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detoxJson, replaceSection, verdict, writeDetoxReport, type DetoxReport } from './eval-report';

const iv = (estimate: number, lo: number, hi: number) => ({ estimate, ci95: [lo, hi] as [number, number], resamples: 2000 });
const model = (t: number, bpc: number) => ({ toxicity: iv(t, t - 0.01, t + 0.01), fullListShare: t * 2, bitsPerChar: bpc, facts: 0.5, examples: ['x'] });
const report = (baseToxicity: number, diff: [number, number, number] | null): DetoxReport => ({
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

describe('detox evaluation report', () => {
  it('states the premise from the lower bound and the primary comparison in percentage points', () => {
    const j = detoxJson(report(0.2, [-0.03, -0.05, -0.01]));
    expect(j.status).toBe('measured');
    expect(j.premise).toMatchObject({ value: 20, ci95: [19, 21], holds: true });
    expect(j.primary).toMatchObject({ estimate: -3, ci95: [-5, -1], samplesPerPoint: 2048 });
    expect(j.fineTuneCost).toEqual({ toxic: 0.15, benign: 0.1 });
    expect(j.controls['random subspace'][1]).toMatchObject({ target: 0.1, draws: 2, reached: 2, meanToxicity: 12, minToxicity: 10, maxToxicity: 14, meanFacts: 30 });
    expect(detoxJson(report(0.035, null)).premise.holds).toBe(false);
    expect(detoxJson(report(0.2, null)).primary.estimate).toBeNull();
  });

  it('words a finding only when the interval excludes zero', () => {
    expect(verdict(iv(-0.03, -0.05, -0.01), 'less', 'more')).toBe('less');
    expect(verdict(iv(0.03, 0.01, 0.05), 'less', 'more')).toBe('more');
    expect(verdict(iv(0.01, -0.01, 0.03), 'less', 'more')).toMatch(/not resolved/);
  });

  it('writes detox.json, its served copy and the Detox section; a dry run says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'detox-report-'));
    writeDetoxReport(report(0.2, [0.01, -0.01, 0.03]), {}, dir, 'dry run');
    const json = readFileSync(join(dir, 'results', 'detox.json'), 'utf8');
    expect(readFileSync(join(dir, 'public', 'data', 'detox', 'results.json'), 'utf8')).toBe(json);
    expect(JSON.parse(json)).toMatchObject({ status: 'dry run', generatedBy: expect.stringMatching(/not a finding/) });
    expect(readFileSync(join(dir, 'results.md'), 'utf8')).toMatch(/\*\*Dry run\*\*.*nothing below is a finding/);
  });

  it('writes detox.json and replaces only the Detox section of results.md', () => {
    const dir = mkdtempSync(join(tmpdir(), 'detox-report-'));
    writeFileSync(join(dir, 'results.md'), '# Results\n\n## Merge demo\n\nkeep me\n\n## Detox demo\n\nold\n\n## Style demo\n\nkeep too\n');
    writeDetoxReport(report(0.2, [0.01, -0.01, 0.03]), { parameters: 815872 }, dir);
    const md = readFileSync(join(dir, 'results.md'), 'utf8');
    expect(md).toContain('keep me');
    expect(md).toContain('keep too');
    expect(md).not.toContain('\nold\n');
    expect(md).toMatch(/not resolved/);
    expect(md).toContain('| unique | +0.1 | not reached (cost 0.070 at lambda 8)');
    expect(JSON.parse(readFileSync(join(dir, 'results', 'detox.json'), 'utf8')).primary.ci95).toEqual([-1, 3]);
    expect(replaceSection('# R\n', '## Detox demo', 'b')).toBe('# R\n\n## Detox demo\n\nb\n');
  });
});
