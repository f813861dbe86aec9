import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '../url-state/codec';
import { readLink, withLink } from '../url-state/location';
import { defaultLabLink, LAB_LINK_VERSION, labLinkSchema } from './lab-link';

describe('/lab link state', () => {
  it('round-trips through the page link (key=value rows; sources and coefficients as JSON rows)', () => {
    const state = labLinkSchema.parse({
      base: { kind: 'remote', ref: 'http://127.0.0.1:8123/base' },
      tasks: [{ kind: 'remote', ref: 'hf:owner/name@main' }, { kind: 'local', name: 'a b&c=d.safetensors' }],
      coefficients: [{ shared: 1, unique: -0.5 }, { shared: 0, unique: 2 }],
      method: 'ties',
      lambda: 0.7,
    });
    const url = withLink(new URL('http://localhost/lab'), labLinkSchema, LAB_LINK_VERSION, state);
    expect(readLink(new URL(url.href), labLinkSchema, LAB_LINK_VERSION, defaultLabLink)).toEqual({ kind: 'ok', value: state, legacy: false });
    const broken = new URL(url.href.replace(/base=[^&]*/, 'base=%7Bnot-json'));
    const read = readLink(broken, labLinkSchema, LAB_LINK_VERSION, defaultLabLink);
    expect(read.kind).toBe('error');
  });


  it('round-trips remote and local sources, options and the edit', () => {
    const state = labLinkSchema.parse({
      hubUrl: 'http://127.0.0.1:8123/hub',
      base: { kind: 'remote', ref: 'hf:openai-community/gpt2@main' },
      tasks: [{ kind: 'remote', ref: 'https://host.test/a/adapter_model.safetensors' }, { kind: 'local', name: 'my-style.safetensors' }],
      options: { energy: 0.8, eta: 0.9, side: 'right' },
      coefficients: [{ shared: 1, unique: 0.5 }, { shared: 0, unique: 1.25 }],
      method: 'negation',
      lambda: 0.7,
    });
    const decoded = decodeState(labLinkSchema, LAB_LINK_VERSION, encodeState(LAB_LINK_VERSION, state));
    expect(decoded).toEqual({ ok: true, value: state });
  });

  it('refuses sources that are not URLs or hub ids, and fills defaults', () => {
    const bad = labLinkSchema.safeParse({ base: { kind: 'remote', ref: 'javascript:alert(1)' } });
    expect(bad.success).toBe(false);
    expect(labLinkSchema.safeParse({ tasks: [{ kind: 'remote', ref: 'file:///etc/passwd' }] }).success).toBe(false);
    expect(defaultLabLink.hubUrl).toBe('https://huggingface.co');
    expect(defaultLabLink.options).toEqual({ energy: 0.9, eta: 0.85, side: 'left' });
  });
});
