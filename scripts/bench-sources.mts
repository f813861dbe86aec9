// npm run bench (second part), or `npm run bench:sources`: loading a GPT-2-small-shaped sharded
// checkpoint (124M parameters, 475 MiB F32, 2 shards + index) from a local HTTP server with Range,
// run in its own process. Measures how soon the header preview is ready (with no added latency
// and with 100 ms per request, like a distant hub), the streaming speed tensor by tensor against
// one plain download of the same bytes, and the client's ArrayBuffer memory while streaming.
// Writes its section of docs/benchmarks.md.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { httpFolder, openCheckpoint } from '../lib/sources/open-checkpoint';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const MB = 2 ** 20;

async function serve(latencyMs: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(join('node_modules', '.bin', 'tsx'), ['scripts/sources/serve-gpt2.mts', String(latencyMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((ok, fail) => {
    child.stdout!.once('data', (b: Buffer) => ok(b.toString().trim()));
    child.once('exit', (c) => fail(new Error(`server exited (${c})`)));
  });
  return { url, child };
}

const folder = (url: string) => httpFolder('gpt2', (f) => `${url}/gpt2/${f}`);

async function headerPreviewMs(latencyMs: number, runs = 5): Promise<{ median: number; tensors: number; bytes: number; requests: number }> {
  const { url, child } = await serve(latencyMs);
  try {
    const times: number[] = [];
    let tensors = 0, bytes = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const c = await openCheckpoint(folder(url));
      times.push(performance.now() - t0);
      tensors = c.tensors.length;
      bytes = c.totalBytes;
    }
    times.sort((a, b) => a - b);
    // Layout probes (adapter_config.json 404, then the index), the index, one probe per shard.
    return { median: times[Math.floor(runs / 2)], tensors, bytes, requests: 2 + 1 + 2 };
  } finally {
    child.kill();
  }
}

/** Reads one tensor while sampling the ArrayBuffer level; the tensor is dropped on return. */
async function peakWhileReading(read: () => Promise<{ data: Float32Array }>) {
  const before = process.memoryUsage().arrayBuffers;
  let peak = 0;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().arrayBuffers - before));
  const timer = setInterval(sample, 1);
  const tensor = await read();
  sample();
  clearInterval(timer);
  if (!Number.isFinite(tensor.data[0])) throw new Error('bad data');
  return { peak, bytes: tensor.data.byteLength };
}

async function streaming() {
  const { url, child } = await serve(0);
  try {
    const c = await openCheckpoint(folder(url));
    // One plain download of every shard, chunks dropped as they arrive: the server's speed.
    const shards = [...new Set(c.tensors.map((t) => t.file))];
    let t0 = performance.now();
    let raw = 0;
    for (const s of shards) {
      const r = await fetch(`${url}/gpt2/${s}`);
      const reader = r.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        raw += value.length;
      }
    }
    const rawMs = performance.now() - t0;
    t0 = performance.now();
    for (const t of c.tensors) await c.read(t.name);
    const streamMs = performance.now() - t0;
    // Memory, in a second pass: per tensor, the ArrayBuffer level above what was live before it.
    let largest = { name: '', bytes: 0, ratio: 0 };
    let overhead = { name: '', bytes: 0 };
    for (const t of c.tensors) {
      if (t.info.end - t.info.begin < MB) continue;
      gc();
      const { peak, bytes } = await peakWhileReading(() => c.read(t.name));
      if (bytes > largest.bytes) largest = { name: t.name, bytes, ratio: peak / bytes };
      if (peak - bytes > overhead.bytes) overhead = { name: t.name, bytes: peak - bytes };
    }
    return { raw, rawMs, streamMs, total: c.totalBytes, largest, overhead, tensors: c.tensors.length };
  } finally {
    child.kill();
  }
}

const fast = await headerPreviewMs(0);
const slow = await headerPreviewMs(100);
const s = await streaming();
const lines = [
  `| header preview, no added latency | ${fast.median.toFixed(0)} ms (median of 5) | ${fast.tensors} tensors, ${(fast.bytes / MB).toFixed(0)} MiB listed |`,
  `| header preview, 100 ms per request | ${slow.median.toFixed(0)} ms (median of 5) | ${fast.requests} requests in sequence |`,
  `| one plain download of both shards | ${(s.raw / MB / (s.rawMs / 1000)).toFixed(0)} MiB/s | ${(s.raw / MB).toFixed(0)} MiB in ${(s.rawMs / 1000).toFixed(1)} s |`,
  `| tensor by tensor (one Range request each, decoded) | ${(s.total / MB / (s.streamMs / 1000)).toFixed(0)} MiB/s | ${s.tensors} tensors in ${(s.streamMs / 1000).toFixed(1)} s |`,
  `| client ArrayBuffer peak while reading the largest tensor | ${s.largest.ratio.toFixed(2)} x the tensor | ${s.largest.name}, ${(s.largest.bytes / MB).toFixed(0)} MiB |`,
  `| most held beyond the tensor itself, any tensor over 1 MiB | ${(s.overhead.bytes / MB).toFixed(1)} MiB | ${s.overhead.name} (network chunks not yet collected) |`,
];
console.log(lines.join('\n'));
if (fast.median > 2000) console.log('FAIL: the header preview took more than 2 s');
if (s.largest.ratio > 2 || s.overhead.bytes > s.largest.bytes) console.log('FAIL: more than one extra copy of a tensor was held while reading it');

const section = `## Loading a sharded checkpoint over HTTP

A GPT-2-small-shaped checkpoint (124M parameters, 475 MiB as F32, two shards and an index; bytes made
on demand) served by a local HTTP server with Range support in its own process
(scripts/sources/serve-gpt2.mts), read by lib/sources in Node's fetch. The header preview is
\`openCheckpoint\`: layout probes, the index and one 256 kB request per shard. "ArrayBuffer peak" is
process.memoryUsage().arrayBuffers above the level before streaming, sampled every millisecond while
one tensor is read and decoded, after a garbage collection (a separate pass from the timed one);
1.0 means the tensor's own bytes and nothing more. The machine is shared, so speeds vary from run to run.

Command: \`npm run bench:sources\` (also run by \`npm run bench\`)
Machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}
Date: ${new Date().toISOString().slice(0, 10)}

| what | result | detail |
|---|---|---|
${lines.join('\n')}
`;
const doc = readFileSync('docs/benchmarks.md', 'utf8');
const at = doc.indexOf('## Loading a sharded checkpoint over HTTP');
const next = at < 0 ? -1 : doc.indexOf('\n## ', at + 3);
const updated = at < 0 ? `${doc.trimEnd()}\n\n${section}` : `${doc.slice(0, at)}${section}${next < 0 ? '' : doc.slice(next)}`;
writeFileSync('docs/benchmarks.md', updated);
console.log('\nwrote its section of docs/benchmarks.md');
