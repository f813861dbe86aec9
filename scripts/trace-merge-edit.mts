// npm run trace:merge-edit [-- --edits N]: where the browser's CPU goes between a λ key press on /merge
// and the first estimate showing (wasm, no WebGPU, the production build). Traces each edit in Chromium
// and sums, per thread, the time of its top-level tasks in that span, and on the page's main thread
// the time inside the key's event dispatch (the synchronous render the slider's input causes).
// The worker's own work is not in the trace's categories: bench:merge-rescore counts all processes.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { waitForServer } from './bench-pages.mts';

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { name?: string; data?: { type?: string } } }

const argv = process.argv.slice(2);
const edits = argv.includes('--edits') ? Number(argv[argv.indexOf('--edits') + 1]) : 3;

/**
 * Thread CPU ms (the trace's tdur; wall time where absent) per thread name of top-level tasks between
 * the key press and the estimate mark, and of the key's dispatch on the main thread.
 */
function summarise(events: TraceEvent[]) {
  const names = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
  const key = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
  const mark = events.find((e) => e.name === 'estimate-shown');
  if (!key || !mark) throw new Error('the trace has no key press or no estimate mark');
  const perThread = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask' || e.ts < key.ts || e.ts > mark.ts) continue;
    const thread = names.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`;
    perThread.set(thread, (perThread.get(thread) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000);
  }
  return { spanMs: (mark.ts - key.ts) / 1000, keyDispatchMs: (key.tdur ?? key.dur ?? 0) / 1000, perThread: [...perThread.entries()].sort((a, b) => b[1] - a[1]) };
}

const build = spawnSync(process.execPath, ['scripts/start.mjs', '--build-only'], { stdio: 'inherit' });
if (build.status !== 0) throw new Error('next build failed');
const port = Number(process.env.BENCH_PORT ?? 3301);
const base = `http://localhost:${port}`;
const server: ChildProcess = spawn('node_modules/.bin/next', ['start', '-p', String(port)], { stdio: 'ignore', detached: true, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
const dir = mkdtempSync(join(tmpdir(), 'merge-trace-'));
try {
  await waitForServer(base);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-quic'] });
  const page = await browser.newPage();
  page.setDefaultTimeout(300_000);
  await page.goto(`${base}/merge`);
  await page.getByTestId('eval-time').waitFor();
  await page.getByTestId('lambda-ties').focus();
  for (let i = 0; i < edits; i++) {
    await page.evaluate(() => {
      const w = window as unknown as { __shown: boolean; __start: number };
      w.__shown = false;
      w.__start = 0;
      document.addEventListener('keydown', () => (w.__start = performance.now()), { once: true, capture: true });
      const o = new MutationObserver(() => {
        if (w.__start && document.querySelector('[data-testid^="estimate-"]')) {
          performance.mark('estimate-shown');
          w.__shown = true;
          o.disconnect();
        }
      });
      o.observe(document.body, { subtree: true, childList: true });
    });
    const path = join(dir, `edit-${i}.json`);
    await browser.startTracing(page, { path, categories: ['toplevel', 'devtools.timeline', 'blink.user_timing'] });
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => (window as unknown as { __shown: boolean }).__shown, undefined, { polling: 10 });
    await browser.stopTracing();
    const trace = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEvent[] };
    const s = summarise(trace.traceEvents);
    console.log(`edit ${i + 1}: estimate ${s.spanMs.toFixed(0)} ms after the key; the key's event dispatch ${s.keyDispatchMs.toFixed(0)} ms; thread CPU (ms): ${s.perThread.slice(0, 5).map(([t, ms]) => `${t} ${ms.toFixed(0)}`).join(', ')}`);
    await page.getByTestId('eval-time').waitFor();
  }
  await browser.close();
} finally {
  if (server.pid) process.kill(-server.pid);
}
