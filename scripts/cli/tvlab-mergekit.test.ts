import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tinyFamily } from '../../lib/test-support/fixtures';
import { readSafetensors, writeSafetensors } from '../../lib/tensors/safetensors';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const cli = (args: string[]) => spawnSync(tsx, ['scripts/tvlab.ts', ...args], { encoding: 'utf8' });

const MERGE_YML = `models:
  - model: a.safetensors
    parameters:
      weight: [1, 0.5]
  - model: b.safetensors
    parameters:
      weight: 0.5
merge_method: task_arithmetic
base_model: base.safetensors
parameters:
  int8_mask: true
dtype: bfloat16
`;

describe('tvlab and mergekit configs', () => {
  it('applies a mergekit YAML as a recipe and converts it both ways', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tvlab-mk-'));
    const { base, tasks } = tinyFamily(2, 3);
    writeFileSync(join(dir, 'base.safetensors'), writeSafetensors(base));
    tasks.forEach((t, i) => writeFileSync(join(dir, `${'ab'[i]}.safetensors`), writeSafetensors(t)));
    writeFileSync(join(dir, 'merge.yml'), MERGE_YML);
    const run = cli(['apply', '--recipe', join(dir, 'merge.yml'), '--out', join(dir, 'out.safetensors')]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/note: parameters.int8_mask: no effect/);
    const out = readSafetensors(readFileSync(join(dir, 'out.safetensors'))).tensors;
    // layer.0 sits at t = 0 (weight 1), layer.1 at t = 1 (weight 0.5); conv has no layer index (t = 0)
    for (const [name, w] of [['layer.0.weight', 1], ['layer.1.weight', 0.5], ['conv.weight', 1]] as const) {
      out[name].data.forEach((x, i) => {
        const b = base.tensors[name].data[i];
        expect(x).toBeCloseTo(b + w * (tasks[0].tensors[name].data[i] - b) + 0.5 * (tasks[1].tensors[name].data[i] - b), 5);
      });
    }

    const toRecipe = cli(['convert', '--recipe', join(dir, 'merge.yml'), '--to', 'recipe']);
    expect(toRecipe.status, toRecipe.stderr).toBe(0);
    expect(JSON.parse(toRecipe.stdout).terms[0]).toEqual({ task: 0, part: 'full', coefficient: 1, schedule: [1, 0.5] });
    writeFileSync(join(dir, 'r.json'), toRecipe.stdout);
    // the converted recipe remakes the same file, byte for byte (recipe metadata included)
    const again = cli(['apply', '--recipe', join(dir, 'r.json'), '--out', join(dir, 'again.safetensors')]);
    expect(again.status, again.stderr).toBe(0);
    expect(Buffer.compare(readFileSync(join(dir, 'again.safetensors')), readFileSync(join(dir, 'out.safetensors')))).toBe(0);
    const back = cli(['convert', '--recipe', join(dir, 'r.json'), '--to', 'mergekit']);
    expect(back.status, back.stderr).toBe(0);
    expect(back.stdout).toMatch(/merge_method: task_arithmetic/);
    expect(back.stdout).toMatch(/weight:\n\s+- 1\n\s+- 0.5/);
  });

  it('refuses an unsupported config with every unsupported key in one error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tvlab-mk-'));
    writeFileSync(join(dir, 'merge.yml'), 'merge_method: nuslerp\nbase_model: x/y\nmodels:\n  - model: a/b\n    parameters: {weight: 1, nuslerp_flatten: false}\nparameters: {t: 0.5}\n');
    const run = cli(['apply', '--recipe', join(dir, 'merge.yml'), '--out', join(dir, 'o.safetensors')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/cannot be expressed as a recipe/);
    expect(run.stderr).toMatch(/nuslerp has no counterpart/);
    expect(run.stderr).toMatch(/models\[0\]\.parameters\.nuslerp_flatten: not supported/);
    expect(run.stderr).toMatch(/parameters\.t: not supported/);
  });
});

describe('mergekit model names', () => {
  it('keep local paths and shipped ids, and read bare owner/name as a hub repo', async () => {
    const { mergekitModelRef } = await import('./load');
    const dir = mkdtempSync(join(tmpdir(), 'tvlab-mk-'));
    writeFileSync(join(dir, 'local.safetensors'), '');
    expect(mergekitModelRef('local.safetensors', dir)).toBe('local.safetensors');
    expect(mergekitModelRef('merge/base', dir)).toBe('merge/base');
    expect(mergekitModelRef('mistralai/Mistral-7B-v0.1', dir)).toBe('hf:mistralai/Mistral-7B-v0.1');
    expect(mergekitModelRef('org/name@main', dir)).toBe('hf:org/name@main');
    expect(mergekitModelRef('https://example.org/m.safetensors', dir)).toBe('https://example.org/m.safetensors');
  });
});
