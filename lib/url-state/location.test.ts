import { describe, expect, it } from 'vitest';
import { readStateParam, withStateParam } from './location';

describe('state in the URL fragment', () => {
  it('writes the state into the fragment and keeps the other query parameters', () => {
    const url = withStateParam(new URL('https://lab.test/merge?backend=wasm&s=v1.old#s=v1.older'), 'v1.new');
    expect(url.searchParams.get('backend')).toBe('wasm');
    expect(url.searchParams.has('s')).toBe(false);
    expect(url.hash).toBe('#s=v1.new');
    expect(readStateParam(url)).toBe('v1.new');
  });

  it('still reads links that carried the state in the query string', () => {
    expect(readStateParam(new URL('https://lab.test/merge?s=v1.abc'))).toBe('v1.abc');
    expect(readStateParam(new URL('https://lab.test/merge?s=v1.abc#s=v1.def'))).toBe('v1.def');
    expect(readStateParam(new URL('https://lab.test/merge'))).toBeNull();
  });
});
