import { describe, expect, it } from 'vitest';
import { LabEngine } from '../engine/lab-engine';
import { parsePeftConfig, readPeftAdapter } from '../lora/peft-adapter';
import { readSafetensors, writeSafetensors } from '../tensors/safetensors';
import { tinyFamily } from '../test-support/fixtures';
import { peftAdapterFiles } from '../test-support/peft-adapters';
import { unzipSync } from 'fflate';
import { LabSession, type SourceSpec } from './lab-session';

const hubUrl = 'https://hub.invalid';
const local = (key: string, role: SourceSpec['role'], name: string, bytes: Uint8Array | string, more: { path: string; blob: Blob }[] = []): SourceSpec => ({
  key,
  role,
  source: { kind: 'local', name },
  files: [{ path: name, blob: new Blob([bytes as Uint8Array<ArrayBuffer>]) }, ...more],
  hubUrl,
});
const peftFolder = (key: string, name: string, seed: number, shape = { modules: ['h.0.attn.c_attn', 'h.0.mlp.c_fc'], rank: 4, d: 16, sharedRows: 2 }): SourceSpec => {
  const { config, weights } = peftAdapterFiles(shape, seed);
  return {
    key,
    role: 'task',
    source: { kind: 'local', name },
    files: [
      { path: `${name}/adapter_config.json`, blob: new Blob([config]) },
      { path: `${name}/adapter_model.safetensors`, blob: new Blob([weights as Uint8Array<ArrayBuffer>]) },
    ],
    hubUrl,
  };
};

describe('/lab session', () => {
  it('lists, reads into the engine, decomposes full checkpoints and gives one layer its insight', async () => {
    const engine = new LabEngine();
    await engine.init('wasm');
    const session = new LabSession(engine);
    const { base, tasks } = tinyFamily(2);
    const listed = await session.addSource(local('1', 'base', 'base.safetensors', writeSafetensors(base)));
    expect(listed).toMatchObject({ id: 'base.safetensors', adapterLike: false, refusal: null });
    expect(listed.tensors).toHaveLength(4);
    await session.read('1');
    const ids = [];
    for (const [i, t] of tasks.entries()) {
      const l = await session.addSource(local(`${i + 2}`, 'task', 'same.safetensors', writeSafetensors(t)));
      expect(l.match?.missing).toEqual([]);
      const progress: number[] = [];
      ids.push((await session.read(`${i + 2}`, (p) => void progress.push(p.loaded))).id);
      expect(progress.length).toBeGreaterThan(0);
    }
    expect(ids).toEqual(['same.safetensors', 'same.safetensors+2']); // the same name twice stays two models
    const steps: number[] = [];
    const d = await session.decompose({ base: 'base.safetensors', tasks: ids }, { energy: 0.9, eta: 0.85, side: 'left' }, (p) => void steps.push(p.loaded));
    expect(d.map((x) => x.name)).toEqual(Object.keys(base.tensors));
    expect(steps.at(-1)).toBe(4);
    const matrix = d.find((x) => x.kind === 'matrix')!.name;
    expect((await session.insight(matrix)).name).toBe(matrix);
  });

  it('keeps LoRA adapters as factors: decomposes module by module, cancels between modules, exports the edit', async () => {
    const engine = { addWeights: () => expect.unreachable(), decompose: async () => expect.unreachable(), layerInsight: async () => expect.unreachable(), cancel: () => {}, backend: () => null };
    const session = new LabSession(engine as never);
    for (const [key, name, seed] of [['a', 'lora-a', 1], ['b', 'lora-b', 2]] as const) {
      const l = await session.addSource(peftFolder(key, name, seed));
      expect(l.adapterLike).toBe(true);
      expect(await session.read(key)).toEqual({ id: name, adapter: { format: 'peft', modules: 2 } });
    }
    const options = { energy: 0.9, eta: 0.85, side: 'left' as const };
    const d = await session.decompose({ base: null, tasks: ['lora-a', 'lora-b'] }, options);
    expect(d.map((x) => x.name)).toEqual(['h.0.attn.c_attn', 'h.0.mlp.c_fc']);
    expect(d.every((x) => x.kind === 'matrix' && x.sharedDim >= 1)).toBe(true); // built sharing two directions
    expect((await session.insight('h.0.mlp.c_fc')).similarity).toBeDefined();

    const run = session.decompose({ base: null, tasks: ['lora-a', 'lora-b'] }, { ...options, eta: 0.5 }, () => session.cancelDecompose());
    await expect(run).rejects.toMatchObject({ name: 'CancelledError' });

    const recipe = { version: 1, models: { base: 'none', tasks: ['lora-a', 'lora-b'] }, terms: [{ task: 0, part: 'shared', coefficient: 1 }, { task: 1, part: 'unique', coefficient: -1 }] };
    const file = await session.exportLora(recipe, 'lab-edit');
    expect(file.name).toBe('lab-edit-peft.zip');
    const zip = unzipSync(file.bytes);
    const back = readPeftAdapter(readSafetensors(zip['lab-edit/adapter_model.safetensors']), parsePeftConfig(new TextDecoder().decode(zip['lab-edit/adapter_config.json'])));
    expect(back.modules).toHaveLength(2);
  });

  it('refuses by its header what will not fit or does not line up, and a cancel stops a source', async () => {
    const engine = new LabEngine();
    const session = new LabSession(engine);
    const { base } = tinyFamily(1);
    await session.addSource(local('1', 'base', 'base.safetensors', writeSafetensors(base)));
    const odd = writeSafetensors({ tensors: { 'other.weight': { shape: [2, 2], data: new Float32Array(4) } } });
    const l = await session.addSource(local('2', 'task', 'odd.safetensors', odd));
    expect(l.refusal).toMatch(/^odd.safetensors: 1 tensor does not match the base model/);
    await expect(session.read('2')).rejects.toThrow(/does not match/);
    const adding = session.addSource(local('3', 'task', 'slow.safetensors', writeSafetensors(base)));
    session.cancel('3');
    await expect(adding).rejects.toMatchObject({ name: 'AbortError' });
    await expect(session.addSource(local('4', 'task', 'empty.safetensors', new Uint8Array(0)))).rejects.toThrow(/^empty.safetensors: the file is 0 bytes/);
  });
});
