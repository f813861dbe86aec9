// npm run bench:gpt2: GPT-2-small shapes (one block, or all 12 blocks with embeddings: 124M
// parameters), k synthetic fine-tunes per tensor, decomposed tensor by tensor on tfjs wasm or cpu
// in Node. Each case runs in its own process so its peak RSS is its own; on the one-block cases the
// exact Gram path runs in the same process for the speed-up and the accuracy columns.
//   npm run bench:gpt2                       every case, markdown rows on stdout
//   npm run bench:gpt2 -- --cases block:wasm:3:exact,full:wasm:3          these cases, markdown rows
//   npm run bench:gpt2 -- --cases block:wasm:3:exact:noise-floor,block:wasm:3:fast:power-law
//                                            the same with another spectrum (see `Spectrum`)
//   npm run bench:gpt2 -- --spectra          one block, k = 2, 3, 8, every spectrum, exact path too
//   npm run bench:gpt2 -- --case block --backend wasm --k 3 [--exact] [--spectrum S] [--ops]
//                                            one case, one JSON line (--ops: CPU time per engine
//                                            operation, on stderr)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { activateBackend } from '../lib/backend/tf-runtime';
import { type DecomposedTensor, decomposeTensors, type TensorSource } from '../lib/decompose/decompose-weights';
import { defaultDecomposeOptions } from '../lib/decompose/options';
import type { BasisPath } from '../lib/decompose/task-basis';
import type { MatmulEngine } from '../lib/linalg/engine';
import { tfEngine } from '../lib/linalg/tf-engine';
import { gaussian, mulberry32 } from '../lib/util/random';

/**
 * The task vectors' spectrum. `planted`: 4 shared and 12 private directions with weights 1/j plus
 * a little noise (`syntheticTau`). `noise-floor`: rank 64 (weights j^-1/2, the first 4 shared)
 * plus Gaussian noise of a tenth of its energy, so the 0.9-energy rank (about 54) sits near
 * the noise. `power-law`: full rank, singular values about 1/j, the first 6 directions shared
 * (0.9-energy rank 6).
 */
export type Spectrum = 'planted' | 'noise-floor' | 'power-law';

export interface Gpt2Case {
  scope: 'block' | 'full';
  backend: 'wasm' | 'cpu';
  k: number;
  exact: boolean;
  spectrum?: Spectrum;
}

export interface Gpt2Result extends Gpt2Case {
  params: number;
  /** Wall time and process CPU time of the decomposition (synthetic data generation excluded). */
  seconds: number;
  cpuSeconds: number;
  exactSeconds: number | null;
  exactCpuSeconds: number | null;
  generateSeconds: number;
  peakRssMiB: number;
  peakTfMiB: number;
  sharedDims: string;
  /** Per matrix tensor: its task ranks and the path each took (r: randomized, e: exact). */
  paths: string;
  /** Task ranks equal / shared dims equal / worst relative difference of shared parts, vs exact. */
  ranksAgree: boolean | null;
  sharedAgree: boolean | null;
  maxRelDiff: number | null;
}

const BLOCK: [string, number[]][] = [
  ['ln_1.weight', [768]], ['ln_1.bias', [768]],
  ['attn.c_attn.weight', [768, 2304]], ['attn.c_attn.bias', [2304]],
  ['attn.c_proj.weight', [768, 768]], ['attn.c_proj.bias', [768]],
  ['ln_2.weight', [768]], ['ln_2.bias', [768]],
  ['mlp.c_fc.weight', [768, 3072]], ['mlp.c_fc.bias', [3072]],
  ['mlp.c_proj.weight', [3072, 768]], ['mlp.c_proj.bias', [768]],
];

/** GPT-2 small's tensors (Conv1D weights are d_in x d_out, as in the checkpoint). */
export function gpt2Shapes(scope: 'block' | 'full'): [string, number[]][] {
  const blocks = scope === 'block' ? 1 : 12;
  const body = Array.from({ length: blocks }, (_, b) => BLOCK.map(([n, s]): [string, number[]] => [`h.${b}.${n}`, s])).flat();
  if (scope === 'block') return body;
  return [['wte.weight', [50257, 768]], ['wpe.weight', [1024, 768]], ...body, ['ln_f.weight', [768]], ['ln_f.bias', [768]]];
}

const SHARED_DIM = 4;
const PRIVATE_DIM = 12;
const NOISE = 0.05;

/**
 * tau_i = sum_j 1.5 j^-1 s_j a_ij^T (shared, same s_j for every task) + sum_j j^-1 p_ij b_ij^T
 * (private) + uniform noise of NOISE times the signal's per-entry size: a power-law spectrum with
 * a planted shared subspace. Unit vectors are Gaussian / sqrt(dim) (nearly orthogonal at d >= 768).
 */
function syntheticTau(rows: number, cols: number, tensor: number, task: number): Float32Array {
  const out = new Float32Array(rows * cols);
  const row = new Float64Array(cols);
  const terms: { u: Float32Array; v: Float32Array }[] = [];
  const gShared = gaussian(mulberry32(1000 + tensor));
  const gOwn = gaussian(mulberry32(100_000 + 97 * tensor + task));
  const unit = (g: () => number, n: number, scale: number) => Float32Array.from({ length: n }, () => (g() * scale) / Math.sqrt(n));
  let signal = 0;
  for (let j = 1; j <= SHARED_DIM; j++) {
    terms.push({ u: unit(gShared, rows, 1), v: unit(gOwn, cols, 1.5 / j) });
    signal += (1.5 / j) ** 2;
  }
  for (let j = 1; j <= PRIVATE_DIM; j++) {
    terms.push({ u: unit(gOwn, rows, 1), v: unit(gOwn, cols, 1 / j) });
    signal += j ** -2;
  }
  const rand = mulberry32(7 + tensor * 131 + task);
  const noise = NOISE * Math.sqrt(signal / (rows * cols)) * Math.sqrt(3); // uniform on [-a, a] has std a / sqrt(3)
  for (let a = 0; a < rows; a++) {
    row.fill(0);
    for (const { u, v } of terms) {
      const w = u[a];
      for (let b = 0; b < cols; b++) row[b] += w * v[b];
    }
    for (let b = 0; b < cols; b++) out[a * cols + b] = row[b] + noise * (2 * rand() - 1);
  }
  return out;
}

/**
 * tau_i = sum_j s_j u_j v_j^T + noise for the `noise-floor` and `power-law` spectra: Gaussian unit
 * vectors (nearly orthogonal at d >= 768), the first `shared` u_j the same for every task, formed
 * as one product on the engine (a full-rank power law is 768 rank-one terms).
 */
async function spectrumTau(spectrum: Exclude<Spectrum, 'planted'>, rows: number, cols: number, tensor: number, task: number): Promise<Float32Array> {
  const rank = spectrum === 'power-law' ? Math.min(rows, cols) : 64;
  const shared = spectrum === 'power-law' ? 6 : 4;
  const weight = (j: number) => (spectrum === 'power-law' ? 1 / j : j ** -0.5);
  const gShared = gaussian(mulberry32(5000 + tensor));
  const gOwn = gaussian(mulberry32(500_000 + 97 * tensor + task));
  const U = new Float32Array(rows * rank);
  for (let j = 0; j < rank; j++) {
    const g = j < shared ? gShared : gOwn;
    for (let a = 0; a < rows; a++) U[a * rank + j] = (g() * weight(j + 1)) / Math.sqrt(rows);
  }
  const V = Float32Array.from({ length: cols * rank }, () => gOwn() / Math.sqrt(cols));
  const out = (await tfEngine.matmul({ rows, cols: rank, data: U }, { rows: cols, cols: rank, data: V }, false, true)).data as Float32Array;
  if (spectrum === 'noise-floor') {
    let signal = 0;
    for (let j = 1; j <= rank; j++) signal += weight(j) ** 2;
    const noise = Math.sqrt((0.1 * signal) / (rows * cols)); // noise energy a tenth of the signal
    const g = gaussian(mulberry32(900_000 + 31 * tensor + task));
    for (let i = 0; i < out.length; i++) out[i] += noise * g();
  }
  return out;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export function syntheticSource(
  shapes: [string, number[]][],
  k: number,
  timing: { generateMs: number; generateCpuMs: number },
  spectrum: Spectrum = 'planted',
): TensorSource {
  const shapeOf = new Map(shapes);
  return {
    names: shapes.map(([n]) => n),
    shape: (name) => shapeOf.get(name)!,
    async read(name) {
      const t0 = performance.now();
      const c0 = cpuMs();
      const shape = shapeOf.get(name)!;
      const index = shapes.findIndex(([n]) => n === name);
      const n = shape.reduce((a, b) => a * b, 1);
      const tasks: Float32Array[] = [];
      for (let i = 0; i < k; i++) {
        if (shape.length < 2) {
          const g = gaussian(mulberry32(index * 31 + i));
          tasks.push(Float32Array.from({ length: n }, () => 0.01 * g()));
        } else if (spectrum === 'planted') tasks.push(syntheticTau(shape[0], n / shape[0], index, i));
        else tasks.push(await spectrumTau(spectrum, shape[0], n / shape[0], index, i));
      }
      timing.generateMs += performance.now() - t0;
      timing.generateCpuMs += cpuMs() - c0;
      return { base: new Float32Array(n), tasks };
    },
  };
}

/**
 * Keeps the most the engine held after any upload or product, and the CPU time of each product
 * by operand shapes (`--ops`: where the engine's time goes; tfjs-wasm products are synchronous).
 */
function watched(inner: MatmulEngine) {
  const seen = { peak: 0, reads: 0, ops: new Map<string, { calls: number; cpuMs: number }>() };
  const note = <T,>(x: T) => ((seen.peak = Math.max(seen.peak, inner.heldBytes())), x);
  const timed = <T,>(label: string, run: () => T): T => {
    const c0 = cpuMs();
    const out = run();
    const op = seen.ops.get(label) ?? { calls: 0, cpuMs: 0 };
    op.calls++;
    op.cpuMs += cpuMs() - c0;
    seen.ops.set(label, op);
    return note(out);
  };
  const shape = (r: { rows: number; cols: number }, t?: boolean) => `${r.rows}x${r.cols}${t ? '^T' : ''}`;
  const engine: MatmulEngine = {
    ...inner,
    upload: (a, t) => timed(`upload ${shape(a, t)}`, () => inner.upload(a, t)),
    mul: (a, b, ta, tb) => timed(`${shape(a, ta)} . ${shape(b, tb)}`, () => inner.mul(a, b, ta, tb)),
    // Every read is a device-to-host transfer (a readback on WebGPU): counted for `--ops`.
    read: (a) => ((seen.reads += 1), inner.read(a)),
  };
  return { engine, seen };
}

const norm = (a: Float32Array) => Math.sqrt(a.reduce((s, x) => s + x * x, 0));

async function runCase(c: Gpt2Case): Promise<Gpt2Result> {
  await activateBackend(c.backend);
  const shapes = gpt2Shapes(c.scope);
  const { engine, seen } = watched(tfEngine);
  const run = async (path: BasisPath, onTensor: (t: DecomposedTensor) => void) => {
    const timing = { generateMs: 0, generateCpuMs: 0 };
    const t0 = performance.now();
    const c0 = cpuMs();
    await decomposeTensors(syntheticSource(shapes, c.k, timing, c.spectrum), c.k, defaultDecomposeOptions, engine, { path }, onTensor);
    return {
      seconds: (performance.now() - t0 - timing.generateMs) / 1000,
      cpuSeconds: (cpuMs() - c0 - timing.generateCpuMs) / 1000,
      generateSeconds: timing.generateMs / 1000,
    };
  };
  const exact = new Map<string, DecomposedTensor>();
  const exactRun = c.exact ? await run('exact', (t) => exact.set(t.name, t)) : null;
  let ranksAgree = true;
  let sharedAgree = true;
  let maxRelDiff = 0;
  const dims: number[] = [];
  const paths: string[] = [];
  const fast = await run('auto', (t) => {
    if (t.diagnostics.kind === 'matrix') {
      dims.push(t.diagnostics.sharedDim);
      const d = t.diagnostics;
      const short = t.name.split('.').slice(-2, -1)[0];
      paths.push(`${short} ${t.shape.join('x')}: ${d.ranks.map((r, i) => `${r}${d.basisPaths?.[i] === 'exact' ? 'e' : 'r'}`).join(' ')}`);
    }
    const ref = exact.get(t.name);
    if (!ref || t.diagnostics.kind !== 'matrix') return;
    ranksAgree &&= t.diagnostics.ranks.join() === ref.diagnostics.ranks.join();
    sharedAgree &&= t.diagnostics.sharedDim === ref.diagnostics.sharedDim;
    for (let i = 0; i < c.k; i++) {
      const a = t.components.part('shared', i);
      const b = ref.components.part('shared', i);
      for (let j = 0; j < a.length; j++) a[j] -= b[j];
      maxRelDiff = Math.max(maxRelDiff, norm(a) / Math.max(norm(b), 1e-30));
    }
    exact.delete(t.name);
  });
  if (argv.includes('--ops')) {
    const rows = [...seen.ops].sort((a, b) => b[1].cpuMs - a[1].cpuMs);
    console.error(`engine CPU ms by operation (every run of this case), total ${rows.reduce((t, [, o]) => t + o.cpuMs, 0).toFixed(0)}:`);
    for (const [label, o] of rows.slice(0, 25)) console.error(`${o.cpuMs.toFixed(0).padStart(8)} ${String(o.calls).padStart(5)}  ${label}`);
    const perTask = c.exact ? 'exact and randomized runs together' : `${(seen.reads / (dims.length * c.k)).toFixed(1)} per task matrix`;
    console.error(`engine reads (device-to-host transfers): ${seen.reads}, ${perTask}`);
  }
  const params = shapes.reduce((n, [, s]) => n + s.reduce((a, b) => a * b, 1), 0);
  const counts = new Map<number, number>();
  for (const d of dims) counts.set(d, (counts.get(d) ?? 0) + 1);
  return {
    ...c,
    params,
    seconds: fast.seconds,
    cpuSeconds: fast.cpuSeconds,
    exactSeconds: exactRun?.seconds ?? null,
    exactCpuSeconds: exactRun?.cpuSeconds ?? null,
    generateSeconds: fast.generateSeconds,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    peakTfMiB: seen.peak / 2 ** 20,
    sharedDims: [...counts].map(([d, n]) => `${d} (x${n})`).join(', '),
    paths: c.scope === 'block' ? paths.join('; ') : `${paths.filter((p) => / .*e/.test(p.split(':')[1])).length} of ${paths.length} tensors with an exact task`,
    ranksAgree: c.exact ? ranksAgree : null,
    sharedAgree: c.exact ? sharedAgree : null,
    maxRelDiff: c.exact ? maxRelDiff : null,
  };
}

/** Every case, each in a child process. `quick`: one block, k = 3, wasm only. */
export function gpt2Cases(quick: boolean): Gpt2Case[] {
  if (quick) return [{ scope: 'block', backend: 'wasm', k: 3, exact: true }];
  const cases: Gpt2Case[] = [];
  for (const backend of ['wasm', 'cpu'] as const) {
    for (const k of [2, 3, 8]) cases.push({ scope: 'block', backend, k, exact: true });
    cases.push({ scope: 'full', backend, k: 3, exact: false });
  }
  return cases;
}

/** One block on wasm, k = 2, 3 and 8, with the spectra the planted case does not cover, the exact path beside. */
export function spectrumCases(): Gpt2Case[] {
  return (['noise-floor', 'power-law'] as const).flatMap((spectrum) => [2, 3, 8].map((k) => ({ scope: 'block' as const, backend: 'wasm' as const, k, exact: true, spectrum })));
}

export function runGpt2Case(c: Gpt2Case): Gpt2Result {
  const self = fileURLToPath(import.meta.url);
  const args = ['--import', 'tsx', self, '--case', c.scope, '--backend', c.backend, '--k', String(c.k), ...(c.exact ? ['--exact'] : []), '--spectrum', c.spectrum ?? 'planted'];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !line.startsWith('{')) throw new Error(`bench case ${JSON.stringify(c)} failed: ${child.stderr.slice(-2000)}`);
  return JSON.parse(line) as Gpt2Result;
}

export const gpt2Header = `| backend | model | spectrum | params | k | time s (CPU s) | exact s (CPU s) | speed-up (CPU) | peak RSS MiB | peak tfjs MiB | ranks = exact | shared dims = exact | max rel. diff of shared parts | shared dims | ranks and paths (r: randomized, e: exact) |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|`;

export function gpt2Row(r: Gpt2Result): string {
  const yes = (b: boolean | null) => (b === null ? 'not run' : b ? 'yes' : 'NO');
  return `| ${r.backend} | ${r.scope === 'block' ? 'one block' : '12 blocks + embeddings'} | ${r.spectrum ?? 'planted'} | ${(r.params / 1e6).toFixed(1)}M | ${r.k} | ${r.seconds.toFixed(2)} (${r.cpuSeconds.toFixed(2)}) | ${r.exactSeconds === null ? 'not run' : `${r.exactSeconds.toFixed(1)} (${r.exactCpuSeconds!.toFixed(1)})`} | ${r.exactCpuSeconds === null ? '' : `x${(r.exactCpuSeconds / r.cpuSeconds).toFixed(0)}`} | ${r.peakRssMiB.toFixed(0)} | ${r.peakTfMiB.toFixed(0)} | ${yes(r.ranksAgree)} | ${yes(r.sharedAgree)} | ${r.maxRelDiff === null ? 'not run' : r.maxRelDiff.toExponential(1)} | ${r.sharedDims} | ${r.paths} |`;
}

const argv = process.argv;
const arg = (name: string) => argv[argv.indexOf(`--${name}`) + 1];
if (argv[1] && fileURLToPath(import.meta.url) === argv[1]) {
  if (argv.includes('--case')) {
    const spectrum = (argv.includes('--spectrum') ? arg('spectrum') : 'planted') as Spectrum;
    const result = await runCase({ scope: arg('case') as 'block' | 'full', backend: arg('backend') as 'wasm' | 'cpu', k: Number(arg('k')), exact: argv.includes('--exact'), spectrum });
    console.log(JSON.stringify(result));
  } else {
    const listed = argv.includes('--cases')
      ? arg('cases').split(',').map((spec): Gpt2Case => {
          const [scope, backend, k, exact, spectrum] = spec.split(':');
          return { scope: scope as Gpt2Case['scope'], backend: backend as Gpt2Case['backend'], k: Number(k), exact: exact === 'exact', spectrum: (spectrum ?? 'planted') as Spectrum };
        })
      : argv.includes('--spectra')
        ? spectrumCases()
        : gpt2Cases(argv.includes('--quick'));
    console.log(gpt2Header);
    for (const c of listed) console.log(gpt2Row(runGpt2Case(c)));
  }
}
