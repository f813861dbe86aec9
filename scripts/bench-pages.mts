// npm run bench:pages (also run at the end of `npm run bench`): per page, what a first visit
// downloads and how long until its first result shows, in Chromium without WebGPU (the wasm path),
// against the production build served by `next start`. Bytes are counted twice: as they crossed the
// wire (what the browser received, headers included, after the server's compression) and, per body,
// gzipped here (what a server compressing everything would send). Rewrites its own section of docs/benchmarks.md.
// `--runs N` repeats each page N times in fresh contexts and reports the median time; `--list` prints
// every response; `--only /merge,/style` measures some pages without touching the docs.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Page, type Response } from '@playwright/test';

/** Each page and what "its first result shows" means there. */
const PAGES: { path: string; result: string; wait: (page: Page) => Promise<unknown> }[] = [
  { path: '/', result: 'the heading', wait: (p) => p.locator('h1').waitFor() },
  { path: '/learn', result: 'the synthetic readout says "Found"', wait: (p) => p.getByTestId('syn-readout').getByText('Found').waitFor() },
  { path: '/merge', result: 'the scored table (eval time)', wait: (p) => p.getByTestId('eval-time').waitFor() },
  { path: '/style', result: 'the sample grids (generation time)', wait: (p) => p.getByTestId('generation-time').waitFor() },
  { path: '/detox', result: 'the base model\'s first continuation', wait: (p) => p.locator('[data-method="base"]').getByText(/listed word/).waitFor() },
  { path: '/lab', result: 'the engine ready (badge shows its backend)', wait: (p) => p.locator('[data-testid="backend-badge"][data-backend]:not([data-backend=""])').waitFor() },
];

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const HEADING = '## First visit per page (wasm, no WebGPU)';

interface Fetched {
  url: string;
  kind: 'js' | 'wasm' | 'data' | 'page';
  raw: number;
  gzip: number;
  /** Bytes the browser received for this response: headers plus the body as sent (compressed or not). */
  wire: number;
  encoding: string;
}

interface PageResult {
  path: string;
  result: string;
  ms: number[];
  fetched: Fetched[];
}

function kindOf(url: string, type: string): Fetched['kind'] {
  const path = new URL(url).pathname;
  if (path.endsWith('.wasm')) return 'wasm';
  if (type === 'script' || /\.m?js$/.test(path)) return 'js';
  if (path.startsWith('/models/') || path.startsWith('/data/')) return 'data';
  return 'page';
}

export async function waitForServer(url: string, ms = 60_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`no server at ${url} after ${ms} ms`);
}

/** Waits until no response has arrived for `quietMs` (at most `maxMs`): late fetches count too. */
async function settle(last: () => number, quietMs = 2000, maxMs = 30_000) {
  const start = Date.now();
  while (Date.now() - last() < quietMs && Date.now() - start < maxMs) await new Promise((r) => setTimeout(r, 200));
}

async function visit(base: string, entry: (typeof PAGES)[number]): Promise<{ ms: number; fetched: Fetched[] }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const context = await browser.newContext(); // empty cache: a first visit
    const page = await context.newPage();
    page.setDefaultTimeout(300_000);
    page.on('console', (m) => m.type() === 'error' && console.error(`${entry.path} console: ${m.text()}`));
    page.on('pageerror', (e) => console.error(`${entry.path} page error: ${e.message}`));
    const pending: Promise<Fetched | null>[] = [];
    let lastResponse = Date.now();
    const onResponse = (r: Response) => {
      lastResponse = Date.now();
      if (!r.url().startsWith(base)) return;
      if (r.status() !== 200) return; // redirects and not-modified answers carry no body
      const encoding = r.headers()['content-encoding'] ?? 'none';
      const measure = async (b: Buffer): Promise<Fetched> => {
        const s = await r.request().sizes();
        return { url: r.url().slice(base.length), kind: kindOf(r.url(), r.request().resourceType()), raw: b.length, gzip: gzipSync(b).length, wire: s.responseHeadersSize + s.responseBodySize, encoding };
      };
      // The browser may not keep a large body (e.g. a wasm binary compiled while streaming): fetch it again.
      const again = () => fetch(r.url()).then(async (res) => Buffer.from(await res.arrayBuffer()));
      pending.push(r.body().catch(again).then(measure).catch(() => null));
    };
    page.on('response', onResponse);
    const t0 = performance.now();
    await page.goto(base + entry.path);
    await entry.wait(page).catch(async (e) => {
      throw new Error(`${entry.path}: the first result did not show (${(e as Error).message.split('\n')[0]})`);
    });
    const ms = performance.now() - t0;
    await settle(() => lastResponse);
    const fetched = (await Promise.all(pending)).filter((f): f is Fetched => f !== null);
    await context.close();
    return { ms, fetched };
  } finally {
    await browser.close();
  }
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(2);
const sum = (fs: Fetched[], key: 'raw' | 'gzip' | 'wire', kind?: Fetched['kind']) => fs.filter((f) => !kind || f.kind === kind).reduce((s, f) => s + f[key], 0);
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function table(results: PageResult[]): string {
  const rows = results.map((r) => {
    const f = r.fetched;
    const wire = (kind: Fetched['kind']) => mb(sum(f, 'wire', kind));
    return `| ${r.path} | ${(median(r.ms) / 1000).toFixed(1)} | ${mb(sum(f, 'wire'))} | ${wire('page')} | ${wire('js')} | ${wire('wasm')} | ${wire('data')} | ${mb(sum(f, 'gzip'))} | ${mb(sum(f, 'raw'))} | ${f.length} |`;
  });
  return [
    '| page | first result (s) | on the wire MB | wire: page + css MB | wire: JS MB | wire: wasm MB | wire: models + data MB | all bodies gzipped MB | all bodies raw MB | requests |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function section(results: PageResult[], runs: number): string {
  const wasm = [...new Set(results.flatMap((r) => r.fetched.filter((f) => f.kind === 'wasm').map((f) => `${r.path}: ${f.url.replace(/^.*\//, '')} (${mb(f.wire)} MB on the wire, encoding ${f.encoding})`)))];
  return `${HEADING}

Command: \`npm run bench:pages\`${runs > 1 ? ` -- --runs ${runs}` : ''} (also the last step of \`npm run bench\`). Production build
(\`next start\`), Chromium without the WebGPU flag, a fresh browser per visit (empty cache). "first result" is
the time from navigation until the page's first result is visible (${runs > 1 ? `median of ${runs}` : 'one visit'}; per page:
${results.map((r) => `${r.path} ${r.result}`).join('; ')}). Bytes are every response from the app's origin
until no response came for 2 s after that, page and worker alike. "on the wire" is what the browser
received (response headers plus the body as the server sent it, compressed or not: Playwright's
request.sizes()); "all bodies gzipped" gzips every decoded body at level 6, what a server compressing
every type would send. Machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, shared with other jobs.
Date: ${new Date().toISOString().slice(0, 10)}

${table(results)}

wasm binaries fetched: ${wasm.length ? wasm.join('; ') : 'none'}
`;
}

/** Replaces a section of docs/benchmarks.md (its heading up to the next one), or appends it. */
export function writeSection(text: string, heading = HEADING, file = 'docs/benchmarks.md') {
  const doc = readFileSync(file, 'utf8');
  const at = doc.indexOf(heading);
  const next = at < 0 ? -1 : doc.indexOf('\n## ', at + 3);
  writeFileSync(file, at < 0 ? `${doc.trimEnd()}\n\n${text}` : `${doc.slice(0, at)}${text}${next < 0 ? '' : doc.slice(next)}`);
}

export async function benchPages(argv: string[] = process.argv.slice(2)): Promise<PageResult[]> {
  const runsArg = argv.indexOf('--runs');
  const runs = runsArg >= 0 ? Math.max(1, Number(argv[runsArg + 1]) || 1) : 1;
  const onlyArg = argv.indexOf('--only'); // e.g. --only /merge,/style (the docs section is then left alone)
  const only = onlyArg >= 0 ? argv[onlyArg + 1].split(',') : null;
  const build = spawnSync(process.execPath, ['scripts/start.mjs', '--build-only'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('next build failed');
  const port = Number(process.env.BENCH_PORT ?? 3300);
  const base = `http://localhost:${port}`;
  const server: ChildProcess = spawn('node_modules/.bin/next', ['start', '-p', String(port)], { stdio: 'ignore', detached: true, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  const results: PageResult[] = [];
  try {
    await waitForServer(base);
    for (const entry of PAGES.filter((p) => !only || only.includes(p.path))) {
      const result: PageResult = { path: entry.path, result: entry.result, ms: [], fetched: [] };
      for (let i = 0; i < runs; i++) {
        const v = await visit(base, entry);
        result.ms.push(v.ms);
        result.fetched = v.fetched;
      }
      console.log(`${entry.path}: first result ${(median(result.ms) / 1000).toFixed(1)} s, ${mb(sum(result.fetched, 'gzip'))} MB gzip in ${result.fetched.length} responses`);
      results.push(result);
    }
  } finally {
    if (server.pid) process.kill(-server.pid); // the server's process group: next start and its next-server child
  }
  console.log(`\n${table(results)}`);
  if (argv.includes('--list')) for (const r of results) for (const f of r.fetched) console.log(`${r.path}\t${f.kind}\twire ${f.wire}\t${f.encoding}\tgzip ${f.gzip}\traw ${f.raw}\t${f.url}`);
  if (only) return results;
  writeSection(section(results, runs));
  console.log('\nwrote the page section of docs/benchmarks.md');
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await benchPages();
