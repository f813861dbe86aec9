import { afterEach, describe, expect, it, vi } from 'vitest';
import { threadsUnavailable, wantedThreads } from './wasm-threaded';

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

  it('asks for one thread per logical core, at most four', () => {
    expect(wantedThreads(2)).toBe(2);
    expect(wantedThreads(16)).toBe(4);
    expect(wantedThreads(0)).toBe(1);
  });
});
