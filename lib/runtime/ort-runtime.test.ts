import { describe, expect, it } from 'vitest';
import type { WeightSet } from '../tensors/weight-set';
import { OrtRuntime, openOrtRuntime } from './ort-runtime';
import type { OrtModule, OrtTensorLike } from './ort-types';
import { resolveOrt } from './resolve-ort';

/** A fake runtime that records when runs start and end, and how many tensors were made. */
function fakeOrt(runMs = 5) {
  const log: string[] = [];
  let made = 0;
  class Tensor implements OrtTensorLike {
    constructor(readonly type: 'float32', readonly data: Float32Array, readonly dims: readonly number[]) {
      made++;
    }
  }
  const ort: OrtModule = {
    Tensor,
    env: { wasm: { numThreads: 4 } },
    InferenceSession: {
      async create(model: Uint8Array, options?: Record<string, unknown>) {
        const name = String.fromCharCode(...model);
        log.push(`create ${name} ${JSON.stringify(options)}`);
        return {
          async run(feeds: Record<string, OrtTensorLike>) {
            log.push(`start ${name}`);
            await new Promise((r) => setTimeout(r, runMs));
            if (feeds.fail) throw new Error('run failed');
            log.push(`end ${name}`);
            return feeds;
          },
          release: async () => {},
        };
      },
    },
  };
  return { ort, log, made: () => made };
}

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const ws = (): WeightSet => ({ tensors: { a: { shape: [2], data: new Float32Array(2) }, b: { shape: [1], data: new Float32Array(1) } } });

describe('OrtRuntime', () => {
  it('runs one session run at a time across all its sessions, and a failed run does not block the rest', async () => {
    const { ort, log } = fakeOrt();
    const rt = new OrtRuntime(ort);
    const [x, y] = await Promise.all([rt.session(bytes('x')), rt.session(bytes('y'))]);
    const failing = x.run({ fail: rt.tensor(new Float32Array(1), [1]) });
    await Promise.all([y.run({}), failing.catch(() => undefined), x.run({}), y.run({})]);
    await expect(failing).rejects.toThrow('run failed');
    const runs = log.filter((l) => !l.startsWith('create'));
    expect(runs).toEqual(['start x', 'start y', 'end y', 'start x', 'end x', 'start y', 'end y']);
  });

  it('wraps a weight set once and reuses it while its data arrays are unchanged', () => {
    const { ort, made } = fakeOrt();
    const rt = new OrtRuntime(ort);
    const w = ws();
    const first = rt.weights(w);
    expect(made()).toBe(2);
    const again = rt.weights(w);
    expect(made()).toBe(2);
    expect(again.a).toBe(first.a);
    expect(rt.weights(w, ['b']).b).toBe(first.b);
    w.tensors.a = { shape: [2], data: Float32Array.of(1, 2) }; // an edited tensor is wrapped anew
    const edited = rt.weights(w);
    expect(made()).toBe(3);
    expect(edited.a.data).toEqual(Float32Array.of(1, 2));
    expect(edited.b).toBe(first.b);
    rt.weights(ws()); // another weight set: its own tensors
    expect(made()).toBe(5);
    expect(() => rt.weights(w, ['missing'])).toThrow('"missing"');
  });

  it('opens the build the choice names, with its threads and providers', async () => {
    const { ort, log } = fakeOrt();
    const builds: string[] = [];
    const rt = await openOrtRuntime(resolveOrt('wasm'), async (b) => (builds.push(b), ort));
    await rt.session(bytes('m'));
    expect(builds).toEqual(['wasm']);
    expect(ort.env?.wasm?.numThreads).toBe(1);
    expect(log).toEqual(['create m {"executionProviders":["wasm"]}']);
  });
});

describe('resolveOrt', () => {
  it('takes the WebGPU (JSEP) build only when tfjs runs on WebGPU', () => {
    expect(resolveOrt('webgpu')).toMatchObject({ build: 'jsep', executionProviders: ['webgpu', 'wasm'], threads: 1 });
    expect(resolveOrt('wasm')).toMatchObject({ build: 'wasm', executionProviders: ['wasm'], threads: 1 });
    expect(resolveOrt('cpu')).toMatchObject({ build: 'wasm', executionProviders: ['wasm'] });
    for (const b of ['webgpu', 'wasm', 'cpu'] as const) expect(resolveOrt(b).reason.length).toBeGreaterThan(10);
  });
});
