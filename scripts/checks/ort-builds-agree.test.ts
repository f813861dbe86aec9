/**
 * The app loads onnxruntime-web's plain wasm build on wasm pages and the WebGPU (JSEP) build only
 * on WebGPU; links made before that split must reproduce their numbers. Both builds on the wasm
 * provider, single-threaded, must therefore give the same bits for the same weights and inputs.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { initEncoder, initHead, type VitConfig } from '../../lib/models/vit';
import { type DitConfig, ditPixels, initDit } from '../../lib/models/tiny-dit';
import { DitSession } from '../../lib/onnx/dit-session';
import { VitSession } from '../../lib/onnx/session';
import { OrtRuntime } from '../../lib/runtime/ort-runtime';
import type { OrtModule } from '../../lib/runtime/ort-types';
import { type OrtBuild, ortSessionOptions, resolveOrt } from '../../lib/runtime/resolve-ort';
import { mulberry32 } from '../../lib/util/random';

const DIST = join(__dirname, '..', '..', 'node_modules', 'onnxruntime-web', 'dist');
const FILES: Record<OrtBuild, string> = { wasm: 'ort.wasm.bundle.min.mjs', jsep: 'ort.bundle.min.mjs' };

async function runtime(build: OrtBuild): Promise<OrtRuntime> {
  const ort = (await import(pathToFileURL(join(DIST, FILES[build])).href)) as OrtModule;
  ort.env!.wasm!.numThreads = 1;
  return new OrtRuntime(ort, ortSessionOptions(resolveOrt('wasm'))); // both on the wasm provider
}

const sameBits = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

function jitter(ws: { tensors: Record<string, { data: Float32Array }> }, seed: number, scale: number) {
  const rng = mulberry32(seed);
  for (const t of Object.values(ws.tensors)) for (let i = 0; i < t.data.length; i++) t.data[i] += scale * (rng() - 0.5);
}

describe('onnxruntime-web builds', () => {
  it('the wasm build and the JSEP build give identical bits on the wasm provider', async () => {
    const [plain, jsep] = [await runtime('wasm'), await runtime('jsep')];

    const vc: VitConfig = { imageSize: 28, patchSize: 7, width: 32, depth: 2, heads: 4, mlpRatio: 2, lnEps: 1e-5 };
    const enc = initEncoder(vc, 3), head = initHead(vc, 10, 5);
    jitter(enc, 4, 0.1);
    const rng = mulberry32(9), n = 16;
    const images = Float32Array.from({ length: n * 784 }, () => rng());
    const logits = await Promise.all([plain, jsep].map(async (rt) => (await (await VitSession.create(rt, vc)).run(images, n, enc, head)).logits));
    expect(logits[0].some((v) => v !== 0)).toBe(true);
    expect(sameBits(logits[0], logits[1])).toBe(true);

    const dc: DitConfig = { imageSize: 16, channels: 3, patchSize: 4, width: 32, depth: 2, heads: 4, mlpRatio: 2, classes: 8, timeFreqs: 8, lnEps: 1e-6 };
    const dit = initDit(dc, 4);
    jitter(dit, 5, 0.05);
    const m = 4, x = Float32Array.from({ length: m * ditPixels(dc) }, () => rng() * 2 - 1);
    const t = Float32Array.from([0, 0.3, 0.6, 1]), labels = Int32Array.from([0, 3, 8, 5]);
    const v = await Promise.all([plain, jsep].map(async (rt) => (await DitSession.create(rt, dc)).velocity(dit, x, t, labels)));
    expect(v[0].some((a) => a !== 0)).toBe(true);
    expect(sameBits(v[0], v[1])).toBe(true);
  }, 120_000);
});
