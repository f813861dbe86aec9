import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultThreads, defaultThreadsNote, threadsUnavailable } from './wasm-threaded';

describe('threaded tfjs-wasm', () => {
  afterEach(() => vi.unstubAllGlobals());

  const browserLike = (overrides: Record<string, unknown>) => {
    vi.unstubAllGlobals();
    vi.stubGlobal('Worker', function Worker() {});
    vi.stubGlobal('crossOriginIsolated', true);
    vi.stubGlobal('navigator', { hardwareConcurrency: 8 });
    for (const [k, v] of Object.entries(overrides)) vi.stubGlobal(k, v);
  };

  it('names why a runtime cannot have threads, and has none to name when it can', () => {
    browserLike({});
    expect(threadsUnavailable()).toBeNull();
    browserLike({ crossOriginIsolated: false });
    expect(threadsUnavailable()).toMatch(/not cross-origin isolated/);
    browserLike({ SharedArrayBuffer: undefined });
    expect(threadsUnavailable()).toMatch(/SharedArrayBuffer/);
    browserLike({ navigator: { hardwareConcurrency: 1 } });
    expect(threadsUnavailable()).toMatch(/one logical core/);
    browserLike({ Worker: undefined });
    expect(threadsUnavailable()).toMatch(/no Web Workers/);
  });

  it("follows tfjs's rule by default: half the logical cores, from one to four", () => {
    expect(defaultThreads(2)).toBe(1);
    expect(defaultThreads(4)).toBe(2);
    expect(defaultThreads(6)).toBe(3);
    expect(defaultThreads(16)).toBe(4);
    expect(defaultThreads(1)).toBe(1);
    expect(defaultThreadsNote(2)).toMatch(/half of the 2 logical cores.*\?threads=2/);
  });
});
