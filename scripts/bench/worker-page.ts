import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { chromium, type Page } from '@playwright/test';
import { build } from 'esbuild';

const VENDOR = 'public/vendor/tfjs-wasm';

/**
 * Serves an empty page, a bundled module worker at /worker.js and tfjs-wasm's files at /vendor/
 * on 127.0.0.1 (a free port); `isolated` adds COOP + COEP, as the app sends.
 */
async function serveWorkerPage(worker: Uint8Array, isolated: boolean): Promise<{ server: Server; url: string }> {
  const headers: Record<string, string> = isolated ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {};
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const send = (body: Uint8Array | string, type: string) => res.writeHead(200, { ...headers, 'content-type': type }).end(body);
    if (url === '/') return send('<!doctype html><title>bench</title>', 'text/html');
    if (url === '/worker.js') return send(worker, 'text/javascript');
    const file = url.match(/^\/vendor\/([\w.-]+)$/)?.[1];
    if (file && existsSync(`${VENDOR}/${file}`)) return send(readFileSync(`${VENDOR}/${file}`), file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript');
    res.writeHead(404, headers).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  return { server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/` };
}

/** Starts a fresh /worker.js in the page, sends it `ask` and returns its one answer. */
export function runInWorker<Ask, Answer>(tab: Page, ask: Ask): Promise<Answer> {
  return tab.evaluate(
    (a) =>
      new Promise<Answer>((resolve, reject) => {
        const w = new Worker('/worker.js', { type: 'module' });
        w.onmessage = (e) => (w.terminate(), resolve(e.data));
        w.onerror = (e) => (w.terminate(), reject(new Error(e.message)));
        w.postMessage(a);
      }),
    ask,
  );
}

/**
 * Bundles `entry` as the worker, serves it and opens the page in Chromium (`executablePath`,
 * `args`), with page errors and console errors printed. `close` ends both.
 */
export async function openWorkerPage(entry: string, options: { isolated: boolean; executablePath: string; args: string[] }) {
  const worker = (await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'error', define: { 'process.env.NODE_ENV': '"production"' } })).outputFiles[0].contents;
  const { server, url } = await serveWorkerPage(worker, options.isolated);
  const browser = await chromium.launch({ executablePath: options.executablePath, args: options.args });
  const close = async () => {
    await browser.close();
    server.close();
  };
  try {
    const tab = await browser.newPage();
    tab.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    tab.on('console', (m) => m.type() === 'error' && console.error(`console: ${m.text()}`));
    await tab.goto(url);
    return { tab, close };
  } catch (e) {
    await close();
    throw e;
  }
}
