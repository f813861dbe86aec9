import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detoxEvidenceSchema, knowledgeCurve } from '../../lib/demos/detox/detox-evidence';
import { detoxJson, drawSummary, primarySupported, replaceSection, verdict, writeDetoxReport } from './eval-report';
import { fakeReport, iv } from './eval-report.fixture';

const report = fakeReport;

describe('detox evaluation report (v3)', () => {
  it('states the three gates and the primary comparison in percent, points and bits/char', () => {
    const j = detoxJson(report(0.2, [0.03, 0.01, 0.05]));
    expect(j).toMatchObject({ status: 'measured', version: 3, preregistered: 'docs/detox-protocol-v3.md' });
    expect(j.premise).toMatchObject({ value: 20, ci95: [19, 21], holds: true, threshold: 3 });
    expect(j.toxicPremise).toMatchObject({ value: 50, ci95: [45, 55], holds: true });
    expect(j.methodPremise).toMatchObject({ value: 25, threshold: 20, holds: true });
    expect(j.primary).toMatchObject({ knowledge: { value: 3, ci95: [1, 5], items: 512 }, bitsPerChar: { value: -0.01, ci95: [-0.02, 0.001] }, supported: true });
    expect(detoxJson(report(0.035, null)).premise.holds).toBe(false);
    expect(detoxJson(report(0.2, null)).primary).toBeNull();
    expect(j.points.find((p) => p.method === 'difference')).toMatchObject({ reached: false, knowledge: null });
  });

  it('reads the claim as supported only when one measure resolves for unique negation and none against it', () => {
    expect(primarySupported({ knowledge: iv(0.03, 0.01, 0.05), bitsPerChar: iv(0, -0.01, 0.01) })).toBe(true);
    expect(primarySupported({ knowledge: iv(0, -0.01, 0.01), bitsPerChar: iv(-0.02, -0.03, -0.01) })).toBe(true);
    expect(primarySupported({ knowledge: iv(0.03, 0.01, 0.05), bitsPerChar: iv(0.02, 0.01, 0.03) })).toBe(false);
    expect(primarySupported({ knowledge: iv(0, -0.01, 0.01), bitsPerChar: iv(0, -0.01, 0.01) })).toBe(false);
  });

  it('summarises the random draws by mean and range', () => {
    const s = drawSummary(report(0.2, null).points!, {});
    expect(s).toMatchObject({ draws: 2, reached: 2, knowledge: { mean: 0.25, min: 0, max: 0.5 }, lambda: { min: 0.9, max: 1 } });
  });

  it('writes what the page reads: detox.json parses with the page schema and gives the curve', () => {
    const e = detoxEvidenceSchema.parse(JSON.parse(JSON.stringify(detoxJson(report(0.2, [0.03, 0.01, 0.05])))));
    if (e.status === 'not measured') throw new Error('expected a measured report');
    const chart = knowledgeCurve(e);
    expect(chart.series.map((s) => s.id)).toEqual(['plain']);
    expect(chart.series[0].points).toEqual([{ x: 0, y: 60, lambda: 0 }, { x: 50, y: 55, lambda: 0.8 }]);
  });

  it('the committed detox.json parses with the page schema and is the file the page is served', () => {
    const text = readFileSync('docs/results/detox.json', 'utf8');
    expect(() => detoxEvidenceSchema.parse(JSON.parse(text))).not.toThrow();
    expect(readFileSync('public/data/detox/results.json', 'utf8')).toBe(text);
  });

  it('words a finding only when the interval excludes zero', () => {
    expect(verdict(iv(-0.03, -0.05, -0.01), 'up', 'down')).toBe('down');
    expect(verdict(iv(0.03, 0.01, 0.05), 'up', 'down')).toBe('up');
    expect(verdict(iv(0.01, -0.01, 0.03), 'up', 'down')).toMatch(/not resolved/);
  });

  it('writes detox.json, its served copy and the Detox section; a dry run says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'detox-report-'));
    writeDetoxReport(report(0.2, [0.01, -0.01, 0.03]), {}, dir, 'dry run');
    const json = readFileSync(join(dir, 'results', 'detox.json'), 'utf8');
    expect(readFileSync(join(dir, 'public', 'data', 'detox', 'results.json'), 'utf8')).toBe(json);
    expect(JSON.parse(json)).toMatchObject({ status: 'dry run', generatedBy: expect.stringMatching(/not a finding/) });
    expect(readFileSync(join(dir, 'results.md'), 'utf8')).toMatch(/\*\*Dry run\*\*.*nothing below is a finding/);
  });

  it('replaces only the Detox section of results.md, and a run stopped at the gates says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'detox-report-'));
    writeFileSync(join(dir, 'results.md'), '# Results\n\n## Merge demo\n\nkeep me\n\n## Detox demo\n\nold\n\n## Style demo\n\nkeep too\n');
    writeDetoxReport(report(0.2, [0.01, -0.01, 0.03]), {}, dir);
    let md = readFileSync(join(dir, 'results.md'), 'utf8');
    expect(md).toContain('keep me');
    expect(md).toContain('keep too');
    expect(md).not.toContain('\nold\n');
    expect(md).toMatch(/knowledge .*not resolved/);
    expect(md).toContain('| difference | not reached: cut 20.0% at lambda 4');
    expect(md).toContain('the claim is not supported here');
    writeDetoxReport({ ...report(0.02, null), stopped: 'a premise gate fails: no method comparison', base: undefined, points: undefined, primary: undefined }, {}, dir);
    md = readFileSync(join(dir, 'results.md'), 'utf8');
    expect(md).toMatch(/Base toxic .*\*\*fails\*\*/);
    expect(md).toContain('The run stopped after the gates: a premise gate fails');
    expect(replaceSection('# R\n', '## Detox demo', 'b')).toBe('# R\n\n## Detox demo\n\nb\n');
  });
});
