/**
 * lib/ runs in the page, in a worker and in Node alike, so its runtime files may import neither
 * Node-only modules nor the UI layers. Tests (*.test.ts) and test support run only in Node and are exempt.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const FORBIDDEN = [
  /^node:/, /^(fs|path|os|module|crypto|child_process|url)$/, /^react/, /^next/, /^comlink$/, /^@\/(components|hooks|app|workers)/, /^@napi-rs\//, /^@resvg\//, /^onnxruntime-/,
  // tfjs-core and its backends only: the full @tensorflow/tfjs bundle adds layers, converter and webgl to
  // every page. Training scripts that need gradients import it themselves (PLATFORM.md).
  /^@tensorflow\/(?!tfjs-core$|tfjs-backend-)/,
];

function runtimeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test-support' ? [] : runtimeFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const importsOf = (source: string) => [...source.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);

/** The lib/ paths a file imports (relative to the repository), package imports dropped. */
const libTargetsOf = (file: string) =>
  importsOf(readFileSync(file, 'utf8'))
    .map((spec) => (spec.startsWith('.') ? relative(ROOT, resolve(dirname(file), spec)) : spec.replace(/^@\//, '')))
    .filter((target) => target.startsWith('lib/'));

/** lib/<folder> of a repository-relative path. */
/** A lib folder, each demo's folder under lib/demos counting as its own ("demos/merge"). */
const folderOf = (path: string) => {
  const parts = path.split('/');
  return parts[1] === 'demos' && parts.length > 3 ? `demos/${parts[2]}` : parts[1];
};

/** Folder-level import edges "a -> b" within lib/, each with the files that make it. */
function folderEdges(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of runtimeFiles(join(ROOT, 'lib'))) {
    const from = folderOf(relative(ROOT, file));
    for (const target of libTargetsOf(file)) {
      const to = folderOf(target);
      if (to === from) continue;
      const key = `${from} -> ${to}`;
      edges.set(key, [...(edges.get(key) ?? []), relative(ROOT, file)]);
    }
  }
  return edges;
}

/** One folder-level cycle as "a -> b -> ... -> a", or null. */
function findCycle(edges: Iterable<string>): string | null {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    const [a, b] = edge.split(' -> ');
    next.set(a, [...(next.get(a) ?? []), b]);
  }
  const done = new Set<string>();
  const visit = (node: string, path: string[]): string | null => {
    const at = path.indexOf(node);
    if (at >= 0) return [...path.slice(at), node].join(' -> ');
    if (done.has(node)) return null;
    for (const to of next.get(node) ?? []) {
      const cycle = visit(to, [...path, node]);
      if (cycle) return cycle;
    }
    done.add(node);
    return null;
  };
  for (const node of next.keys()) {
    const cycle = visit(node, []);
    if (cycle) return cycle;
  }
  return null;
}

/** The demos; every other lib/ folder is shared and must not depend on one. */
const DEMO_FOLDERS = ['demos/merge', 'demos/style', 'demos/detox', 'demos/learn'];
/** Shared-folder files allowed to import a demo, and why. */
const DEMO_IMPORT_ALLOWED: Record<string, string> = {
  'lib/demos/registry.ts': 'the one list of demos: it exists to import them, and no shared folder imports it',
};

describe('lib/ stays portable', () => {
  it('imports no Node-only module, no UI layer, no specific onnxruntime build and no tfjs beyond core and backends', () => {
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
      libTargetsOf(file)
        .filter((target) => folderOf(target) === 'onnx')
        .map((target) => `${relative(ROOT, file)} imports ${target}`),
    );
    expect(runtimeFiles(models).length).toBeGreaterThan(5);
    expect(offences).toEqual([]);
  });

  it('has no import loop between its folders', () => {
    const edges = folderEdges();
    const cycle = findCycle(edges.keys());
    // On failure, name each hop of the loop with the files that make it.
    const hops = cycle ? cycle.split(' -> ') : [];
    const culprits = hops.slice(1).map((to, i) => `${hops[i]} -> ${to}: ${edges.get(`${hops[i]} -> ${to}`)?.join(', ')}`);
    expect(culprits).toEqual([]);
    expect(edges.size).toBeGreaterThan(20);
  });

  it('finds a loop when there is one', () => {
    expect(findCycle(['a -> b', 'b -> c', 'c -> a'])).toBe('a -> b -> c -> a');
    expect(findCycle(['a -> b', 'b -> c', 'a -> c'])).toBeNull();
  });

  it('keeps shared folders free of demo imports', () => {
    const offences = runtimeFiles(join(ROOT, 'lib'))
      .filter((file) => !DEMO_FOLDERS.includes(folderOf(relative(ROOT, file))) && !(relative(ROOT, file) in DEMO_IMPORT_ALLOWED))
      .flatMap((file) =>
        libTargetsOf(file)
          .filter((target) => DEMO_FOLDERS.includes(folderOf(target)))
          .map((target) => `${relative(ROOT, file)} imports ${target}`),
      );
    expect(offences).toEqual([]);
    for (const folder of DEMO_FOLDERS) expect(statSync(join(ROOT, 'lib', folder)).isDirectory()).toBe(true);
  });

  it('has runtime files to check', () => {
    expect(runtimeFiles(join(ROOT, 'lib')).length).toBeGreaterThan(50);
  });
});

// Hooks own the worker (hooks/use-engine-worker.ts); components and pages only read its context.
describe('components/ and app/ hold no worker', () => {
  it('import neither comlink nor workers/', () => {
    const files = ['components', 'app'].flatMap((dir) => runtimeFiles(join(ROOT, dir)));
    const offences = files.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((spec) => spec === 'comlink' || /(^@\/|\/)workers\//.test(spec))
        .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
    );
    expect(files.length).toBeGreaterThan(20);
    expect(offences).toEqual([]);
  });
});
