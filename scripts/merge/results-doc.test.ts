import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeExploreBlock } from './explore-doc';
import { writeResultsSection } from './results-doc';


describe('merge results section', () => {
  it('keeps other sections and the "What we tried" block across re-runs', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'merge-doc-')), 'results.md');
    writeFileSync(path, '# Results\n\n## Other\n\nkeep me\n\n## Merge demo\n\nold\n\n## Later\n\nkeep too\n');
    writeExploreBlock('### What we tried\n\n| x |\n', path);
    writeResultsSection('## Merge demo\n\nnew table\n', path);
    const doc = readFileSync(path, 'utf8');
    expect(doc).toContain('keep me');
    expect(doc).toContain('## Later\n\nkeep too');
    expect(doc).toContain('### What we tried\n\n| x |');
    expect(doc).not.toContain('\nold\n');
    expect(doc.indexOf('### What we tried')).toBeLessThan(doc.indexOf('## Later'));
    writeExploreBlock('### What we tried\n\n| y |\n', path);
    const again = readFileSync(path, 'utf8');
    expect(again).toContain('| y |');
    expect(again).not.toContain('| x |');
    expect(again.match(/## Merge demo/g)).toHaveLength(1);
  });
});
