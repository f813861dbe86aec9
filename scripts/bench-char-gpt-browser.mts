// npm run bench:char-gpt:browser: characters per second of char GPT generation in headless Chromium
// on onnxruntime-web wasm (one thread), with the code the /detox page runs (CharGptSession: weights
// fed per run, full window vs KV cache). Prompt processing included. Reports characters per second of
// wall time and per CPU-second of Chromium's renderer processes (/proc), since the machine is shared.
// Models: the shipped detox base (public/models/detox: v1 until v2 ships), and the v2
// configuration (its trained base when DETOX_MODEL_DIR or checkpoints/detox/v2/models has one,
// otherwise seeded random weights: speed does not depend on the values).
// Rewrites its section of docs/benchmarks.md; --no-write only prints.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { promptsOf } from '../lib/demos/detox/dataset/templates';
import { defaultDetoxState } from '../lib/demos/detox/detox-state';
import { type CharGptConfig, initWeights } from '../lib/models/char-gpt';
import { writeSafetensors } from '../lib/tensors/safetensors';
import { makeCharTokenizer } from '../lib/text/char-tokenizer';
import { DETOX_MODEL_CONFIG } from './detox/recipe';
import type { BrowserCase, BrowserRun } from './bench/char-gpt-browser-entry';
import { writeSection } from './bench-pages.mts';
import { rendererCpuSeconds } from './bench/renderer-cpu';

const HEADING = '## Char GPT generation in Chromium (wasm, one thread)';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const shipped = JSON.parse(readFileSync('public/models/detox/manifest.json', 'utf8'));
const tok = makeCharTokenizer(shipped.vocab);
const v2Dir = process.env.DETOX_MODEL_DIR ?? 'checkpoints/detox/v2/models';
const v2Config: CharGptConfig = { ...DETOX_MODEL_CONFIG, vocabSize: tok.vocabSize };
const v2Trained = existsSync(`${v2Dir}/base.safetensors`);
const models: { name: string; config: CharGptConfig; bytes: Uint8Array }[] = [
  { name: `shipped base (context ${shipped.config.blockSize})`, config: shipped.config, bytes: readFileSync('public/models/detox/base.safetensors') },
  {
    name: `v2 size (context ${v2Config.blockSize}, ${v2Trained ? `${v2Dir}/base.safetensors` : 'seeded random weights'})`,
    config: v2Config,
    bytes: v2Trained ? readFileSync(`${v2Dir}/base.safetensors`) : writeSafetensors(initWeights(v2Config, 1)),
  },
];
const page = defaultDetoxState.prompt;
const test = promptsOf('test');
const cases: BrowserCase[] = [
  { name: `the page's generation: 1 row, its ${page.length}-character default prompt, ${defaultDetoxState.maxChars} new`, prompts: [tok.encode(`${page} `)], chars: defaultDetoxState.maxChars },
  { name: `a batch: the ${test.length} test prompts, one sample each, 32 new`, prompts: test.map((p) => tok.encode(`${p} `)), chars: 32 },
];

type Mode = 'window' | 'cache';
const MODES: Mode[] = ['window', 'cache'];
const TITLES: Record<Mode, string> = { window: 'full window', cache: 'KV cache' };

interface Row {
  model: string;
  name: string;
  rates: Record<Mode, { wall: number; cpu: number }>;
  sameText: boolean;
}

const bundle = (await build({ entryPoints: ['scripts/bench/char-gpt-browser-entry.ts'], bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'error', define: { 'process.env.NODE_ENV': '"production"' } })).outputFiles[0].contents;
const server = createServer((req, res) => {
  const url = req.url ?? '/';
  const send = (body: Uint8Array | string, type: string) => res.writeHead(200, { 'content-type': type }).end(body);
  if (url === '/') return send('<!doctype html><script type="module" src="/bench.js"></script>', 'text/html');
  if (url === '/bench.js') return send(bundle, 'text/javascript');
  const weights = url.match(/^\/weights\/(\d+)$/);
  if (weights) return send(models[Number(weights[1])].bytes, 'application/octet-stream');
  const file = url.match(/^\/ort\/([\w.-]+)$/)?.[1];
  if (file && existsSync(`node_modules/onnxruntime-web/dist/${file}`)) return send(readFileSync(`node_modules/onnxruntime-web/dist/${file}`), file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript');
  res.writeHead(404).end();
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const rows: Row[] = [];
try {
  const tab = await browser.newPage();
  tab.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await tab.goto(base);
  await tab.waitForFunction(() => 'benchCharGpt' in globalThis);
  const version = await tab.evaluate(() => navigator.userAgent.match(/Chrom(e|ium)\/[\d.]+/)?.[0] ?? navigator.userAgent);
  console.log(`${version}, onnxruntime-web wasm, 1 thread; rates per second of wall time and per renderer CPU-second`);
  type Bench = (cfg: CharGptConfig, url: string, k: BrowserCase, cache: boolean) => Promise<BrowserRun>;
  const call = (i: number, k: BrowserCase, mode: Mode) =>
    tab.evaluate(([cfg, url, c, kv]) => (globalThis as unknown as { benchCharGpt: Bench }).benchCharGpt(cfg, url, c, kv), [models[i].config, `/weights/${i}`, k, mode === 'cache'] as const);
  const run = async (i: number, k: BrowserCase, mode: Mode) => {
    await call(i, { ...k, chars: 2 }, mode); // warm-up
    const cpu0 = rendererCpuSeconds();
    const r = await call(i, k, mode);
    return { wall: r.chars / r.seconds, cpu: r.chars / Math.max(1e-3, rendererCpuSeconds() - cpu0), ids: r.ids };
  };
  for (const [i, m] of models.entries()) {
    for (const k of cases) {
      const runs: Partial<Record<Mode, Awaited<ReturnType<typeof run>>>> = {};
      for (const mode of MODES) runs[mode] = await run(i, k, mode);
      const row: Row = { model: m.name, name: k.name, rates: runs as Row['rates'], sameText: MODES.every((x) => JSON.stringify(runs[x]!.ids) === JSON.stringify(runs.window!.ids)) };
      const rate = (x: { wall: number; cpu: number }) => `${x.wall.toFixed(0)} chars/s (${x.cpu.toFixed(0)} per CPU-s)`;
      console.log(`${m.name}, ${k.name}: ${MODES.map((x) => `${TITLES[x]} ${rate(row.rates[x])}`).join(', ')}; same text: ${row.sameText}`);
      rows.push(row);
    }
  }
  if (!process.argv.includes('--no-write')) {
    writeSection(
      `${HEADING}

\`npm run bench:char-gpt:browser\` (${new Date().toISOString().slice(0, 10)}, headless ${version}, onnxruntime-web ${JSON.parse(readFileSync('node_modules/onnxruntime-web/package.json', 'utf8')).version} wasm, one thread; the /detox page's
generation code, \`CharGptSession\` with the weights fed per run; prompt processing included). New characters per second
of wall time on a shared 2-core machine (load average ${(await import('node:os')).loadavg()[0].toFixed(1)} at the end), and per CPU-second of Chromium's
renderer processes started by the benchmark (what one free core would give). KV cache: the prompt in one run, then one
character per run. "Same text": the KV cache sampled exactly the full window's characters.

| model | case | ${MODES.map((x) => `${TITLES[x]}: chars/s (per CPU-s)`).join(' | ')} | same text |
| --- | --- | ${MODES.map(() => '---:').join(' | ')} | --- |
${rows.map((r) => `| ${r.model} | ${r.name} | ${MODES.map((x) => `${r.rates[x].wall.toFixed(0)} (${r.rates[x].cpu.toFixed(0)})`).join(' | ')} | ${r.sameText} |`).join('\n')}
`,
      HEADING,
    );
    console.log('wrote its section of docs/benchmarks.md');
  }
} finally {
  await browser.close();
  server.close();
}
