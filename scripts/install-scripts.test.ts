// `npm install` must work on a machine that reaches only the npm registry. A dependency whose
// install script downloads (onnxruntime-node fetched CUDA files from nuget.org) breaks that, so
// every package with an install script must be reviewed and listed here with what its script does.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const REVIEWED: Record<string, string> = {
  'core-js': 'prints a funding banner; wrapped in try/catch',
  esbuild: 'checks that the platform binary from its optional dependency runs; no download when it is there',
  protobufjs: 'checks the installed version of its CLI; no network',
};

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { hasInstallScript?: boolean; resolved?: string }>;
};
const nameOf = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('install scripts in the lockfile', () => {
  const withScripts = Object.entries(lock.packages).filter(([path, p]) => path && p.hasInstallScript).map(([path]) => nameOf(path));

  it('are all reviewed (none downloads from outside the registry)', () => {
    expect(withScripts.filter((n) => !(n in REVIEWED))).toEqual([]);
  });

  it('include no package known to download at install time', () => {
    const known = ['onnxruntime-node', '@tensorflow/tfjs-node', 'canvas', 'puppeteer'];
    expect(Object.keys(lock.packages).map(nameOf).filter((n) => known.includes(n))).toEqual([]);
  });

  it('resolve every package from the npm registry', () => {
    const foreign = Object.entries(lock.packages).filter(([, p]) => p.resolved && !p.resolved.startsWith('https://registry.npmjs.org/'));
    expect(foreign.map(([path]) => path)).toEqual([]);
  });
});
