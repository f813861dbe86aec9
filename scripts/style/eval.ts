/**
 * npm run eval:style [-- --family planted|sibling] [-- --seeds 8] [-- --random 10] [-- --control-icons 72] [-- --no-controls] [-- --report-only] [-- --units N]
 * Evaluates each family (scripts/style/eval-family.ts) and keeps its result in
 * checkpoints/style-eval/<family>.json; once both families are there it writes
 * docs/results/style.json and the "Style demo" section of docs/results.md from them.
 * Two processes with different --family can run side by side; the second one writes the report.
 * --units N measures at most N units (the single styles, one pair) and stops; each unit is stored in
 * <out>/units-<family>/, so repeated short runs (one shared CPU slot at a time) finish the evaluation.
 */
import * as ort from 'onnxruntime-web';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeSet } from '../../lib/demos/style/dataset/dataset';
import { STYLE_FAMILIES, type StyleFamilyName } from '../../lib/demos/style/dataset/styles';
import { LabEngine } from '../../lib/engine/lab-engine';
import { DitSession } from '../../lib/onnx/dit-session';
import type { OrtModule } from '../../lib/runtime/ort-types';
import type { StyleManifest } from '../../lib/demos/style/style-manifest';
import { readSafetensors } from '../../lib/tensors/safetensors';
import { makeStyleData } from './make-data';
import { evaluateFamily, type FamilyResult } from './eval-family';
import { rowsSampled } from './eval-sampling';
import { measureMethodPremise } from './method-premise';
import { writeStyleReport } from './results-doc';
import { addCost, openUnitCache } from './eval-cache';

const arg = (name: string, dflt: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : dflt);
const modelsDir = arg('--models', 'public/models/style'), dataDir = arg('--data', 'data/style');
const seeds = Number(arg('--seeds', '8')), randomDraws = Number(arg('--random', '10')), controlIcons = Number(arg('--control-icons', '72'));
const units = Number(arg('--units', 'Infinity'));
/** --no-controls: skip the subspace controls and the null model (the sibling family's, when time is short). */
const controls = !process.argv.includes('--no-controls');
/** --icons N: only the first N test and validation icons (a smoke run of the whole pipeline). */
const icons = Number(arg('--icons', '0')) || undefined;
const outDir = arg('--out', 'checkpoints/style-eval'), write = !process.argv.includes('--no-write');
const first = (c: number[]) => c.slice(0, icons ?? c.length);
const families = (process.argv.includes('--family') ? [arg('--family', '')] : process.argv.includes('--report-only') ? [] : [...STYLE_FAMILIES]) as StyleFamilyName[];
const range = (from: number, n: number) => Array.from({ length: n }, (_, k) => from + k);
const log = (m: string) => console.log(`${new Date().toISOString()} ${m}`);

async function main() {
  mkdirSync(outDir, { recursive: true });
  if (families.length && !existsSync(join(dataDir, 'index.json'))) makeStyleData(dataDir);
  const manifest = JSON.parse(readFileSync(join(modelsDir, 'manifest.json'), 'utf8')) as StyleManifest;
  const read = (file: string) => readSafetensors(readFileSync(join(modelsDir, file)));
  const base = read(manifest.base);
  for (const family of families) {
    const t0 = Date.now(), cpu0 = process.cpuUsage(), rows0 = rowsSampled;
    const engine = new LabEngine();
    await engine.init('wasm');
    const session = await DitSession.create(ort as unknown as OrtModule, manifest.architecture, { intraOpNumThreads: 1, interOpNumThreads: 1 });
    const files = family === 'planted' ? manifest : manifest.sibling;
    const tasks = Object.fromEntries(files.styles.map((s) => [s.name, read(s.file)]));
    const truths = new Map<string, Uint8Array>();
    const truth = (split: 'val' | 'test', combo: string, of: StyleFamilyName = family) => {
      const key = `${of}/gt-${split}-${combo}`;
      if (!truths.has(key)) truths.set(key, decodeSet(new Uint8Array(readFileSync(join(dataDir, `${key}.bin`)))).images.slice(0, (icons ?? 1000) * 768));
      return truths.get(key)!;
    };
    const fingerprint = JSON.stringify({ files: [manifest.base, ...files.styles.map((s) => s.file)].map((f) => manifest.files[f]?.sha256), seeds, controlIcons, randomDraws, controls, icons });
    const cache = openUnitCache(join(outDir, `units-${family}`), fingerprint, units);
    const result = await evaluateFamily({
      family, styles: files.styles.map((s) => s.name), engine, session, cfg: manifest.architecture, base, tasks, cal: manifest.calibration, sampler: manifest.sampler, truth,
      val: { classes: first(manifest.validationClasses), seeds: [100, 101] },
      test: { classes: first(manifest.evalClasses), seeds: range(0, seeds) },
      control: { classes: first(manifest.evalClasses).slice(0, controlIcons), seeds: [0] },
      randomDraws, controls, cache, log,
    });
    // Cost over every process that worked on this family's units.
    const cpu = process.cpuUsage(cpu0);
    const spent = addCost(cache, cache.computed === 0 ? { wallSeconds: 0, cpuSeconds: 0, denoiserRows: 0 } : { wallSeconds: (Date.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, denoiserRows: rowsSampled - rows0 });
    if (!result) {
      log(`${family}: stopped after ${units} unit(s); run again to continue`);
      await session.release();
      continue;
    }
    const { wallSeconds: wall, cpuSeconds, denoiserRows: rows } = spent;
    const cost = { ...spent, rowsPerCpuSecond: rows / cpuSeconds };
    writeFileSync(join(outDir, `${family}.json`), JSON.stringify({ ...result, sampler: manifest.sampler, cost }, null, 1) + '\n');
    log(`${family}: ${wall.toFixed(0)} s wall, ${cpuSeconds.toFixed(0)} s CPU, ${rows} denoiser rows (${(rows / cpuSeconds).toFixed(0)} per CPU second)`);
    await session.release();
  }
  const done = STYLE_FAMILIES.filter((f) => existsSync(join(outDir, `${f}.json`)));
  if (done.length === STYLE_FAMILIES.length && write) {
    const results = Object.fromEntries(done.map((f) => [f, JSON.parse(readFileSync(join(outDir, `${f}.json`), 'utf8'))])) as Record<StyleFamilyName, FamilyResult & { sampler: { steps: number; guidance: number }; cost: Record<string, number> }>;
    // The method's premise from the same models (weights only, no sampling: about a minute).
    const method = await measureMethodPremise(modelsDir);
    writeFileSync(join(outDir, 'method-premise.json'), JSON.stringify(method, null, 1) + '\n');
    writeStyleReport(results, manifest, modelsDir, method);
    log('wrote docs/results/style.json and the Style demo section of docs/results.md');
  } else log(`report waits for: ${STYLE_FAMILIES.filter((f) => !done.includes(f)).join(', ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
