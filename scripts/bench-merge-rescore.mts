// npm run bench:merge-rescore: how long /merge takes to re-score after one coefficient changes, on
// wasm (Chromium without WebGPU) against the production build. Opens the page, waits for the first
// table, then moves the TIES λ slider one step at a time (each value new, so no score is cached)
// and times each edit from the key press until the page shows its result again. Reports the median
// and the first table's time, and rewrites its section of docs/benchmarks.md (not with --no-docs).
// `--edits N` (default 30); `--url http://localhost:PORT` measures a server already running (no build,
// no docs).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { median, waitForServer, writeSection } from './bench-pages.mts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const HEADING = '## /merge re-score after one coefficient (wasm, no WebGPU)';
const SLIDER = 'lambda-ties';

const argv = process.argv.slice(2);
const edits = argv.includes('--edits') ? Number(argv[argv.indexOf('--edits') + 1]) : 30;
const given = argv.includes('--url') ? argv[argv.indexOf('--url') + 1] : null;

/**
 * CPU time (ms) used so far by this script's child processes (the browser, its renderer running the
 * page and the engine worker), from /proc (Linux): unlike wall time, it does not grow with the
 * machine's load. null where /proc is missing.
 */
function browserCpuMs(): number | null {
  try {
    const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return [{ pid: Number(pid), ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) }];
      } catch {
        return []; // ended meanwhile
      }
    });
    const mine = new Set([process.pid]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const p of procs) if (!mine.has(p.pid) && mine.has(p.ppid)) grew = !!mine.add(p.pid);
    }
    mine.delete(process.pid);
    return (procs.filter((p) => mine.has(p.pid)).reduce((s, p) => s + p.ticks, 0) * 1000) / 100; // USER_HZ = 100
  } catch {
    return null;
  }
}

/**
 * In the page: resolves with the ms from the next key press until the result shows again (the
 * evaluation time label leaves while the page evaluates and comes back with the new result).
 */
function armTimer() {
  const w = window as unknown as { __rescore: Promise<number>; __estimateMs: number | null };
  w.__estimateMs = null;
  w.__rescore = new Promise<number>((resolve) => {
    let start = 0;
    let gone = false;
    document.addEventListener('keydown', () => (start = performance.now()), { once: true, capture: true });
    const observer = new MutationObserver(() => {
      const label = document.querySelector('[data-testid="eval-time"]');
      // The first estimate (a few images per task) shows before the full table.
      if (start && w.__estimateMs === null && document.querySelector('[data-testid^="estimate-"]')) w.__estimateMs = performance.now() - start;
      if (!label) gone = true;
      else if (gone && start) {
        observer.disconnect();
        resolve(performance.now() - start);
      }
    });
    observer.observe(document.body, { subtree: true, childList: true });
  });
}

async function main() {
  let server: ChildProcess | null = null;
  let base = given;
  if (!base) {
    const build = spawnSync(process.execPath, ['scripts/start.mjs', '--build-only'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('next build failed');
    const port = Number(process.env.BENCH_PORT ?? 3301);
    base = `http://localhost:${port}`;
    server = spawn('node_modules/.bin/next', ['start', '-p', String(port)], { stdio: 'ignore', detached: true, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    await waitForServer(base);
    const page = await browser.newPage();
    page.setDefaultTimeout(300_000);
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(`${base}/merge`);
    await page.getByTestId('eval-time').waitFor();
    const firstMs = await page.evaluate(() => performance.now()); // from navigation start
    const firstTable = await page.getByTestId('eval-time').innerText(); // the table's own evaluation time
    const slider = page.getByTestId(SLIDER);
    const times: number[] = [];
    const cpu: number[] = [];
    const estimateTimes: number[] = [];
    const estimateCpu: number[] = [];
    for (let i = 0; i < edits; i++) {
      await page.evaluate(armTimer);
      await slider.focus();
      const c0 = browserCpuMs();
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => (window as unknown as { __estimateMs: number | null }).__estimateMs !== null, undefined, { polling: 10 });
      const ce = browserCpuMs();
      estimateTimes.push(await page.evaluate(() => (window as unknown as { __estimateMs: number }).__estimateMs));
      times.push(await page.evaluate(() => (window as unknown as { __rescore: Promise<number> }).__rescore));
      const c1 = browserCpuMs();
      if (c0 !== null && c1 !== null && ce !== null) {
        cpu.push(c1 - c0);
        estimateCpu.push(ce - c0);
      }
      console.log(`edit ${i + 1}: λ TIES ${await slider.inputValue()}, estimate ${estimateTimes[i].toFixed(0)} ms, full ${times[i].toFixed(0)} ms${cpu[i] !== undefined ? `, browser CPU ${estimateCpu[i].toFixed(0)} / ${cpu[i].toFixed(0)} ms` : ''}`);
    }
    const load = loadavg()[0].toFixed(1);
    const sorted = [...times].sort((a, b) => a - b);
    const summary = {
      firstResultS: firstMs / 1000,
      firstTable,
      medianMs: median(times),
      minMs: sorted[0],
      maxMs: sorted[sorted.length - 1],
      cpuMs: cpu.length ? median(cpu) : null,
      estimateMs: median(estimateTimes),
      estimateCpuMs: estimateCpu.length ? median(estimateCpu) : null,
    };
    const cpuText = summary.cpuMs === null ? 'n/a' : summary.cpuMs.toFixed(0);
    const estimateCpuText = summary.estimateCpuMs === null ? 'n/a' : summary.estimateCpuMs.toFixed(0);
    console.log(`first result ${summary.firstResultS.toFixed(1)} s after navigation (the table itself: ${firstTable}); first estimate after one λ step: median ${summary.estimateMs.toFixed(0)} ms (browser CPU ${estimateCpuText} ms); full re-score: median ${summary.medianMs.toFixed(0)} ms over ${edits} edits (min ${summary.minMs.toFixed(0)}, max ${summary.maxMs.toFixed(0)}), browser CPU per edit median ${cpuText} ms; load average ${load}`);
    if (!given && !argv.includes('--no-docs')) {
      writeSection(`${HEADING}

Command: \`npm run bench:merge-rescore${edits === 30 ? '' : ` -- --edits ${edits}`}\`. Production build (\`next start\`), Chromium without the WebGPU flag
(tfjs and onnxruntime on wasm, ORT single-threaded), the shipped merge family and page test images.
After the first table, the TIES λ slider moves one step (0.05) per edit, to a value not scored before;
each edit is timed from the key press until the page shows the new result (table, examples and layer
chart), and the browser's CPU time over the same span is read from /proc (all its processes).
Machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, shared with other jobs (load average ${load} at the end:
wall times grow with it, CPU times much less). Date: ${new Date().toISOString().slice(0, 10)}

| first result after navigation (s) | first table's own evaluation | first estimate median (ms) | its browser CPU, median (ms) | full re-score median (ms) | min (ms) | max (ms) | browser CPU per full re-score, median (ms) | edits |
|---|---|---|---|---|---|---|---|---|
| ${summary.firstResultS.toFixed(1)} | ${firstTable} | ${summary.estimateMs.toFixed(0)} | ${estimateCpuText} | ${summary.medianMs.toFixed(0)} | ${summary.minMs.toFixed(0)} | ${summary.maxMs.toFixed(0)} | ${cpuText} | ${edits} |

A λ edit reuses the merge direction (the method's delta at λ = 1, so TIES does not trim or elect signs
again). The page first scores the changed method on the first 16 test images of each task (stratified:
their labels cycle through the classes) and shows that estimate with its 95% interval, then runs the
merged encoder over every test image it ships and replaces the estimate with the full row. The target is
a first answer within 300 ms of CPU; the full row still costs the inference over all images on one wasm
thread. Estimate times are read when the estimate appears (CPU sampled right after), so they include the
polling delay of up to 10 ms.
`, HEADING);
      console.log('wrote the /merge re-score section of docs/benchmarks.md');
    }
  } finally {
    await browser.close();
    if (server?.pid) process.kill(-server.pid); // next start and its next-server child
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
