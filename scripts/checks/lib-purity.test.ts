/**
 * lib/ runs in the page, in a worker and in Node alike, so its runtime files may import neither
 * Node-only modules nor the UI layers. Tests (*.test.ts) and test support run only in Node and are exempt.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const FORBIDDEN = [/^node:/, /^(fs|path|os|module|crypto|child_process|url)$/, /^react/, /^next/, /^comlink$/, /^@\/(components|hooks|app|workers)/, /^@napi-rs\//, /^@resvg\//, /^onnxruntime-/];

function runtimeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test-support' ? [] : runtimeFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const importsOf = (source: string) => [...source.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);

describe('lib/ stays portable', () => {
  it('imports no Node-only module, no UI layer and no specific onnxruntime build', () => {
    const offences = runtimeFiles(join(ROOT, 'lib')).flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((spec) => FORBIDDEN.some((re) => re.test(spec)))
        .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
    );
    expect(offences).toEqual([]);
  });

  // Sessions (lib/onnx) build their graphs from the model families; the reverse import would make a cycle.
  it('lib/models does not import lib/onnx', () => {
    const models = join(ROOT, 'lib', 'models');
    const offences = runtimeFiles(models).flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .map((spec) => (spec.startsWith('.') ? relative(ROOT, resolve(dirname(file), spec)) : spec.replace(/^@\//, '')))
        .filter((target) => target === 'lib/onnx' || target.startsWith('lib/onnx/'))
        .map((target) => `${relative(ROOT, file)} imports ${target}`),
    );
    expect(runtimeFiles(models).length).toBeGreaterThan(5);
    expect(offences).toEqual([]);
  });

  it('has runtime files to check', () => {
    expect(runtimeFiles(join(ROOT, 'lib')).length).toBeGreaterThan(50);
  });
});
