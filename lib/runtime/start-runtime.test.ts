import { describe, expect, it } from 'vitest';
import { startRuntime } from './start-runtime';

describe('startRuntime', () => {
  it('resolves tfjs and ORT together, with reasons and threads (Node: no WebGPU)', async () => {
    const auto = await startRuntime('auto');
    expect(auto.backend).toBe('wasm');
    expect(auto.reason).toMatch(/no WebGPU adapter/);
    expect(auto.ort).toMatchObject({ build: 'wasm', executionProviders: ['wasm'] });
    expect(auto.ort.reason).toMatch(/tfjs runs on wasm/);
    expect(auto.threads).toEqual({ tfjs: 1, ort: 1, tfjsNote: 'tfjs-wasm has no threads in Node' });

    const forced = await startRuntime('webgpu'); // no adapter: both fall back, and the ORT build follows
    expect(forced.backend).toBe('wasm');
    expect(forced.ort.build).toBe('wasm');

    const cpu = await startRuntime('cpu');
    expect(cpu.backend).toBe('cpu');
    expect(cpu.ort.executionProviders).toEqual(['wasm']);
    expect(cpu.threads).toEqual({ tfjs: 1, ort: 1, tfjsNote: 'the cpu backend has one thread' });
  });
});
