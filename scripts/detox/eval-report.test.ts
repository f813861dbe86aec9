import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detoxEvidenceSchema, measuredTradeOff } from '../../lib/detox/detox-evidence';
import { detoxJson, replaceSection, verdict, writeDetoxReport } from './eval-report';
import { fakeReport, iv } from './eval-report.fixture';

const report = fakeReport;

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

  it('writes what the page reads: detox.json parses with the page schema and gives its chart', () => {
    const e = detoxEvidenceSchema.parse(JSON.parse(JSON.stringify(detoxJson(report(0.2, [-0.03, -0.05, -0.01])))));
    if (e.status === 'not measured') throw new Error('expected a measured report');
    const chart = measuredTradeOff(e);
    expect(chart.series.map((s) => s.id)).toEqual(['plain', 'unique', 'random subspace', 'energy-matched']);
    expect(chart.series[0].points).toEqual([{ x: 0, y: 20, lambda: 0 }, { x: 0.1, y: 8, lambda: 1.2 }]);
    expect(chart.series[1].points).toHaveLength(1); // unique did not reach the cost: only the base point
    expect(chart.series[2].points.at(-1)).toMatchObject({ x: 0.1, y: 12 });
  });

  it('the committed detox.json parses with the page schema and is the file the page is served', () => {
    const text = readFileSync('docs/results/detox.json', 'utf8');
    expect(() => detoxEvidenceSchema.parse(JSON.parse(text))).not.toThrow();
    expect(readFileSync('public/data/detox/results.json', 'utf8')).toBe(text);
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
