import { describe, expect, it } from 'vitest';
import { LabEngine } from '../engine/lab-engine';
import { tinyFamily } from '../test-support/fixtures';
import { type Progress, progressItem } from './progress';

/** What is wrong with a stage's progress stream, or null: loaded never decreases and ends at total. */
function fault(stream: Progress[]): string | null {
  if (!stream.length) return 'no progress reported';
  for (const [i, p] of stream.entries()) {
    const prev = stream[i - 1];
    if (p.loaded < 0 || p.loaded > p.total) return `report ${i}: ${p.loaded} outside 0..${p.total}`;
    if (prev && (p.stage !== prev.stage || p.total !== prev.total)) return `report ${i}: stage or total changed`;
    if (prev && p.loaded < prev.loaded) return `report ${i}: ${p.loaded} after ${prev.loaded}`;
  }
  const last = stream[stream.length - 1];
  return last.loaded === last.total ? null : `ends at ${last.loaded} of ${last.total}`;
}

describe('progress', () => {
  it("a decomposition's stream from the engine rises to its total, one named tensor at a time", async () => {
    const engine = new LabEngine();
    await engine.init('cpu');
    const { base, tasks } = tinyFamily(3, 7);
    engine.addWeights('base', base);
    tasks.forEach((t, i) => engine.addWeights(`t${i}`, t));
    const stream: Progress[] = [];
    await engine.decompose({ base: 'base', tasks: ['t0', 't1', 't2'] }, {}, (p) => void stream.push(p));
    expect(fault(stream)).toBeNull();
    expect(stream.map((p) => p.stage)).toEqual(stream.map(() => 'decompose'));
    expect(stream[stream.length - 1].total).toBe(Object.keys(base.tensors).length);
    expect(new Set(stream.map(progressItem)).size).toBe(stream.length);
  });

  it('the check catches a stream that goes back or stops short', () => {
    const at = (loaded: number, total = 3): Progress => ({ stage: 'load', loaded, total });
    expect(fault([at(0), at(1), at(2), at(3)])).toBeNull();
    expect(fault([at(0), at(2), at(1), at(3)])).toMatch(/1 after 2/);
    expect(fault([at(0), at(1), at(2)])).toMatch(/ends at 2 of 3/);
    expect(fault([])).toMatch(/no progress/);
  });

  it('names the item a stage reports', () => {
    expect(progressItem({ stage: 'decompose', loaded: 1, total: 2, tensor: 'h.0.weight' })).toBe('h.0.weight');
    expect(progressItem({ stage: 'download', loaded: 1, total: 2, file: 'a.safetensors' })).toBe('a.safetensors');
    expect(progressItem({ stage: 'sweep', loaded: 1, total: 2 })).toBe('');
  });
});
