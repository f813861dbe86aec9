import { describe, expect, it } from 'vitest';
import { encodeState } from '../url-state/codec';
import { withLink } from '../url-state/location';
import { defaultLabLink, fromV1, LAB_LINK_VERSION, labLinkSchema, labLinkV1Schema, labRecipe, readLabLink, shortName, termsOfTask, withSources, withTaskTerm } from './lab-link';

const v1State = labLinkV1Schema.parse({
  hubUrl: 'http://127.0.0.1:8123/hub',
  base: { kind: 'remote', ref: 'hf:openai-community/gpt2@main' },
  tasks: [{ kind: 'remote', ref: 'https://host.test/a/adapter_model.safetensors' }, { kind: 'local', name: 'my style&x=1.safetensors' }],
  options: { energy: 0.8, eta: 0.9, side: 'right' },
  coefficients: [{ shared: 1, unique: 0.5 }, { shared: 0, unique: 1.25 }],
  method: 'ties',
  lambda: 0.7,
});

describe('/lab link state', () => {
  it('round-trips the recipe (sources, options, terms, method) and view settings through the page link', () => {
    const state = labLinkSchema.parse({
      base: { kind: 'remote', ref: 'http://127.0.0.1:8123/base' },
      tasks: [{ kind: 'remote', ref: 'hf:owner/name@main' }, { kind: 'local', name: 'a b&c=d.safetensors' }],
      terms: [{ task: 0, part: 'shared', coefficient: 1 }, { task: 1, part: 'unique', coefficient: -0.5 }],
      method: { name: 'ties', lambda: 0.7, density: 0.3, election: 'count' },
      view: { layer: 'h.0.attn.c_attn', stallSeconds: 5 },
    });
    const url = withLink(new URL('http://localhost/lab'), labLinkSchema, LAB_LINK_VERSION, state);
    expect(url.hash).toContain('view.stallSeconds=5');
    expect(readLabLink(new URL(url.href))).toEqual({ kind: 'ok', value: state, legacy: false });
    const auto = { ...state, decomposition: { ...state.decomposition, side: 'auto' as const } };
    expect(readLabLink(withLink(new URL('http://localhost/lab'), labLinkSchema, LAB_LINK_VERSION, auto))).toEqual({ kind: 'ok', value: auto, legacy: false });
    const broken = new URL(url.href.replace(/base=[^&]*/, 'base=%7Bnot-json'));
    expect(readLabLink(broken).kind).toBe('error');
  });

  it('opens version 1 links (fragment rows and the older ?s= blob) as the recipe they meant', () => {
    const expected = labLinkSchema.parse({
      hubUrl: 'http://127.0.0.1:8123/hub',
      base: v1State.base,
      tasks: v1State.tasks,
      decomposition: { energy: 0.8, eta: 0.9, side: 'right' },
      terms: [
        { task: 0, part: 'shared', coefficient: 1 },
        { task: 0, part: 'unique', coefficient: 0.5 },
        { task: 1, part: 'shared', coefficient: 0 },
        { task: 1, part: 'unique', coefficient: 1.25 },
      ],
      method: { name: 'ties', lambda: 0.7, density: 0.2, election: 'mass' },
    });
    expect(fromV1(v1State)).toEqual(expected);
    const rows = withLink(new URL('http://localhost/lab'), labLinkV1Schema, 1, v1State);
    expect(rows.hash).toMatch(/^#v=1&/);
    expect(readLabLink(rows)).toEqual({ kind: 'ok', value: expected, legacy: true });
    const blob = new URL(`http://localhost/lab?s=${encodeState(1, v1State)}`);
    expect(readLabLink(blob)).toEqual({ kind: 'ok', value: expected, legacy: true });
    // A version 1 link that is itself broken says what is wrong with it, not that it is old.
    const bad = readLabLink(new URL('http://localhost/lab#v=1&lambda=99'));
    expect(bad.kind === 'error' && bad.error).toMatch(/lambda is above its maximum \(10\)/);
  });

  it('refuses sources that are not URLs or hub ids, and fills defaults', () => {
    expect(labLinkSchema.safeParse({ base: { kind: 'remote', ref: 'javascript:alert(1)' } }).success).toBe(false);
    expect(labLinkSchema.safeParse({ tasks: [{ kind: 'remote', ref: 'file:///etc/passwd' }] }).success).toBe(false);
    expect(defaultLabLink.hubUrl).toBe('https://huggingface.co');
    expect(defaultLabLink.decomposition).toEqual({ energy: 0.9, eta: 0.85, side: 'left' });
    expect(defaultLabLink.method).toEqual({ name: 'task_arithmetic', lambda: 1 });
    expect(defaultLabLink.view.stallSeconds).toBe(30);
  });

  it('keeps each task its coefficients when sources are removed, and builds the recipe over the loaded ones', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((n) => ({ kind: 'local' as const, name: `${n}.safetensors` }));
    let link = withSources(defaultLabLink, null, [a, b, c]);
    const coefs = (task: number) => termsOfTask(link, task).map((t) => [t.part, t.coefficient]);
    expect(coefs(1)).toEqual([['shared', 1], ['unique', 1]]);
    link = withTaskTerm(link, 1, 0, { task: 1, part: 'shared', coefficient: -1 });
    link = withTaskTerm(link, 1, 1, { task: 1, part: 'unique', coefficient: 0.5 });
    link = withTaskTerm(link, 2, 0, { task: 2, part: 'shared', coefficient: 0 });
    link = withTaskTerm(link, 2, 1, { task: 2, part: 'unique', coefficient: 2 });
    link = withSources(link, null, [b, c]);
    expect(coefs(0)).toEqual([['shared', -1], ['unique', 0.5]]);
    expect(coefs(1)).toEqual([['shared', 0], ['unique', 2]]);
    const recipe = labRecipe(link, null, [null, 'c.safetensors'])!;
    expect(recipe.models).toEqual({ base: 'none', tasks: ['c.safetensors'] });
    expect(recipe.terms).toEqual([
      { task: 0, part: 'shared', coefficient: 0 },
      { task: 0, part: 'unique', coefficient: 2 },
    ]);
    expect(labRecipe(link, 'base', [null, null])).toBeNull();
  });
});

describe('short names of models', () => {
  it('names a model by its file, or by its folder or repo when the file name is generic', () => {
    const remote = (ref: string) => shortName({ kind: 'remote', ref });
    expect(remote('http://localhost:3000/models/merge/task-digits.safetensors')).toBe('task-digits');
    expect(remote('http://127.0.0.1:8123/lora-a/')).toBe('lora-a');
    expect(remote('http://127.0.0.1:8123/lora-a/adapter_model.safetensors')).toBe('lora-a');
    expect(remote('https://huggingface.co/openai-community/gpt2/resolve/main/model.safetensors')).toBe('openai-community/gpt2');
    expect(remote('hf:owner/name@main')).toBe('owner/name');
    expect(remote('hf:owner/name@v2')).toBe('owner/name@v2');
    expect(shortName({ kind: 'local', name: 'my-style.safetensors' })).toBe('my-style');
  });
});
