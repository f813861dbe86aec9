import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { denseReferenceSplit } from '../../lib/decompose/dense-reference';
import { plantedTasks } from '../../lib/synthetic/planted';
import { readSafetensors, writeSafetensors } from '../../lib/tensors/safetensors';
import { gaussian, mulberry32 } from '../../lib/util/random';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const cli = (args: string[]) => spawnSync(tsx, ['scripts/tvlab.ts', ...args], { encoding: 'utf8' });

/** Writes base + task checkpoints whose task vectors are planted matrices (plus a bias). */
function writeFamily(dir: string, seed: number, k: number, sharedDim: number) {
  const { tasks } = plantedTasks({ d: 64, n: 40, k, sharedDim, privateDim: 5, noise: 0.02, seed });
  const g = gaussian(mulberry32(seed + 1));
  const base = { tensors: { 'enc.weight': { shape: [64, 40], data: Float32Array.from({ length: 64 * 40 }, g) }, 'enc.bias': { shape: [64], data: new Float32Array(64) } } };
  writeFileSync(join(dir, 'base.safetensors'), writeSafetensors(base));
  const paths = tasks.map((t, i) => {
    const p = join(dir, `t${i}.safetensors`);
    const w = base.tensors['enc.weight'].data.map((x, j) => x + t.data[j]);
    writeFileSync(p, writeSafetensors({ tensors: { 'enc.weight': { shape: [64, 40], data: w }, 'enc.bias': { shape: [64], data: Float32Array.from({ length: 64 }, g) } } }));
    return p;
  });
  return { tasks, paths };
}

describe('tvlab CLI', () => {
  it('recovers planted shared dimensions and matches a float64 reference to 1e-4', () => {
    for (const [seed, k, s] of [[101, 2, 3], [202, 3, 2], [303, 4, 4]]) {
      const dir = mkdtempSync(join(tmpdir(), 'tvlab-'));
      const { tasks, paths } = writeFamily(dir, seed, k, s);
      const out = join(dir, 'out');
      const args = ['decompose', '--base', join(dir, 'base.safetensors'), ...paths.flatMap((p) => ['--task', p]), '--energy', '0.98', '--out', out];
      const run = cli(args);
      expect(run.status, run.stderr).toBe(0);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
      const enc = report.tensors.find((t: { name: string }) => t.name === 'enc.weight');
      expect(enc.sharedDim).toBe(s);
      expect(enc.ranks).toHaveLength(k);
      const tau = tasks.map((t) => ({ ...t, data: Float32Array.from(t.data) }));
      const ref = denseReferenceSplit(tau, 0.98, 0.85);
      tasks.forEach((_, i) => {
        const shared = readSafetensors(readFileSync(join(out, `task-${i}.shared.safetensors`))).tensors['enc.weight'].data;
        const unique = readSafetensors(readFileSync(join(out, `task-${i}.unique.safetensors`))).tensors['enc.weight'].data;
        let diff = 0;
        let norm = 0;
        shared.forEach((x, j) => {
          diff += (x - ref.shared[i][j]) ** 2;
          norm += ref.shared[i][j] ** 2;
        });
        expect(Math.sqrt(diff / norm)).toBeLessThan(1e-4);
        // shared + unique reproduce the task vector written to disk (float32 round-off)
        const full = readSafetensors(readFileSync(paths[i])).tensors['enc.weight'].data;
        const base = readSafetensors(readFileSync(join(dir, 'base.safetensors'))).tensors['enc.weight'].data;
        shared.forEach((x, j) => expect(Math.abs(x + unique[j] - (full[j] - base[j]))).toBeLessThan(1e-5));
      });
    }
  });

  it("takes --side auto: each matrix's report says which side it was split on and why, and a recipe with it applies", () => {
    const dir = mkdtempSync(join(tmpdir(), 'tvlab-'));
    const { paths } = writeFamily(dir, 11, 3, 2);
    const out = join(dir, 'out');
    const run = cli(['decompose', '--base', join(dir, 'base.safetensors'), ...paths.flatMap((p) => ['--task', p]), '--energy', '0.98', '--side', 'auto', '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const enc = report.tensors.find((t: { name: string }) => t.name === 'enc.weight');
    expect(enc.sharedDim).toBe(2);
    expect(enc.sideChoice).toMatchObject({ side: 'left', rule: 'margin' });
    expect(enc.sideChoice.left.top).toBeGreaterThan(enc.sideChoice.left.chance);

    const recipe = { version: 1, models: { base: 'base.safetensors', tasks: ['t0.safetensors', 't1.safetensors', 't2.safetensors'] }, decomposition: { side: 'auto' }, terms: [{ task: 0, part: 'shared', coefficient: 1 }] };
    writeFileSync(join(dir, 'r.json'), JSON.stringify(recipe));
    const apply = cli(['apply', '--recipe', join(dir, 'r.json'), '--out', join(dir, 'edited.safetensors')]);
    expect(apply.status, apply.stderr).toBe(0);
    expect(JSON.parse(readSafetensors(readFileSync(join(dir, 'edited.safetensors'))).metadata!.recipe).decomposition.side).toBe('auto');
    expect(cli(['frobnicate']).stderr).toMatch(/--side left \(left\|right\|auto\)/);
  });

  it('applies a recipe file and writes the edited checkpoint with the recipe in its metadata', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tvlab-'));
    writeFamily(dir, 7, 2, 2);
    const recipe = {
      version: 1,
      models: { base: 'base.safetensors', tasks: ['t0.safetensors', 't1.safetensors'] },
      terms: [{ task: 0, part: 'unique', coefficient: 1 }, { task: 1, part: 'shared', coefficient: 0.5 }],
      method: { name: 'task_arithmetic', lambda: 0.8 },
    };
    writeFileSync(join(dir, 'r.json'), JSON.stringify(recipe));
    const run = cli(['apply', '--recipe', join(dir, 'r.json'), '--out', join(dir, 'edited.safetensors')]);
    expect(run.status, run.stderr).toBe(0);
    const edited = readSafetensors(readFileSync(join(dir, 'edited.safetensors')));
    expect(JSON.parse(edited.metadata!.recipe).method.lambda).toBe(0.8);
    expect(edited.tensors['enc.weight'].shape).toEqual([64, 40]);
  });

  it('fails with one clear line and a non-zero exit on bad input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tvlab-'));
    writeFileSync(join(dir, 'junk.safetensors'), 'not a safetensors file at all');
    const bad = cli(['inspect', join(dir, 'junk.safetensors')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/tvlab: error: \S*junk.safetensors: the header claims [\d.]+ EB, more than any real header \(100.0 MB\)/);
    expect(bad.stderr.split('junk.safetensors')).toHaveLength(2); // the file is named once
    expect(bad.stderr).not.toMatch(/at .*\.ts:\d+/);

    writeFileSync(join(dir, 'r.json'), JSON.stringify({ version: 1, models: { base: 'b', tasks: [] }, terms: [] }));
    const badRecipe = cli(['apply', '--recipe', join(dir, 'r.json'), '--out', join(dir, 'x.safetensors')]);
    expect(badRecipe.status).toBe(1);
    expect(badRecipe.stderr).toMatch(/invalid recipe: models.tasks/);

    const usage = cli(['frobnicate']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/unknown command/);
  });
});

describe('export and CLI apply', () => {
  it('the app engine and `tvlab apply` produce the same bytes from the same recipe (JSON and YAML)', async () => {
    const { LabEngine } = await import('../../lib/engine/lab-engine');
    const { recipeToYaml } = await import('../../lib/recipe/export');
    const { parseRecipe } = await import('../../lib/recipe/schema');
    const tasks = ['mnist', 'greek', 'shapes'];
    const recipe = parseRecipe({
      version: 1,
      models: { family: 'merge', base: 'merge/base', tasks: tasks.map((t) => `merge/task-${t}`) },
      decomposition: { eta: 0.6 },
      terms: [0, 1, 2].flatMap((task) => [{ task, part: 'full', coefficient: 1 }, { task, part: 'shared', coefficient: 0.5 }]),
      method: { name: 'task_arithmetic', lambda: 0.4 },
    });
    const engine = new LabEngine();
    await engine.init('wasm');
    for (const id of [recipe.models.base, ...recipe.models.tasks]) engine.loadCheckpoint(id, readFileSync(join('public', 'models', `${id}.safetensors`)));
    const fromApp = await engine.exportSafetensors(recipe);

    const dir = mkdtempSync(join(tmpdir(), 'tvlab-'));
    writeFileSync(join(dir, 'r.json'), JSON.stringify(recipe));
    writeFileSync(join(dir, 'r.yaml'), recipeToYaml(recipe));
    for (const file of ['r.json', 'r.yaml']) {
      const run = cli(['apply', '--recipe', join(dir, file), '--out', join(dir, `${file}.safetensors`)]);
      expect(run.status, run.stderr).toBe(0);
      expect(Buffer.compare(readFileSync(join(dir, `${file}.safetensors`)), Buffer.from(fromApp))).toBe(0);
    }
  });
});
