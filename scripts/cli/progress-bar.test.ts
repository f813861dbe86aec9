import { describe, expect, it } from 'vitest';
import { formatBar, progressBar } from './progress-bar';

describe('CLI progress bar', () => {
  it('fills in proportion, pads the count and names the tensor', () => {
    expect(formatBar('decompose', 0, 4, 'a', 0, 8)).toBe('decompose [--------] 0/4  a  0.0 s');
    expect(formatBar('decompose', 3, 12, 'h.0.weight', 1.25, 8)).toBe('decompose [##------]  3/12  h.0.weight  1.3 s');
    expect(formatBar('decompose', 12, 12, 'ln_f.bias', 2, 8)).toBe('decompose [########] 12/12  ln_f.bias  2.0 s');
  });

  it('draws on a terminal and stays silent on a pipe', () => {
    const written: string[] = [];
    const fake = (isTTY: boolean) => ({ isTTY, columns: 60, write: (s: string) => written.push(s) }) as unknown as NodeJS.WriteStream;
    const pipe = progressBar(fake(false), 'decompose');
    pipe.update({ stage: 'decompose', loaded: 1, total: 2, tensor: 'x' });
    pipe.done();
    expect(written).toEqual([]);
    const tty = progressBar(fake(true), 'decompose');
    tty.update({ stage: 'decompose', loaded: 1, total: 2, tensor: 'x' });
    tty.done();
    expect(written[0]).toMatch(/^\rdecompose \[#{15}-{15}\] 1\/2  x  0\.0 s +$/);
    expect(written[0]).toHaveLength(60);
    expect(written[1]).toBe('\n');
  });
});
