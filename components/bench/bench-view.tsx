'use client';
import { useState } from 'react';
import { useEngine } from '@/components/engine/engine-provider';
import { useMatrixBench } from '@/hooks/use-matrix-bench';
import { gpt2BlockShapes } from '@/lib/synthetic/gpt2-shapes';

const pathsOf = (paths: (string | null)[]) => {
  const counts = new Map<string, number>();
  for (const p of paths) counts.set(p ?? 'none', (counts.get(p ?? 'none') ?? 0) + 1);
  return [...counts].map(([p, n]) => `${n} ${p}`).join(', ');
};

/** /bench: GPT-2-block-shaped synthetic matrices decomposed on the chosen backend, timed, reads counted. */
export default function BenchView() {
  const link = useEngine();
  const bench = useMatrixBench(link);
  const [picked, setPicked] = useState<string[]>(gpt2BlockShapes.map((s) => s.name));
  const [k, setK] = useState(3);
  const [rank, setRank] = useState(64);
  const [repeats, setRepeats] = useState(1);
  const specs = gpt2BlockShapes
    .filter((s) => picked.includes(s.name))
    .flatMap((s) => Array.from({ length: repeats }, (_, r) => ({ name: repeats > 1 ? `${s.name} #${r + 1}` : s.name, rows: s.rows, cols: s.cols, k, rank, shared: 4, seed: 1 })));
  const ready = !!link.engine && !!link.status && !bench.running;
  return (
    <div className="space-y-6">
      <p data-testid="bench-backend">
        Backend: <strong>{link.status?.backend ?? 'starting…'}</strong>
        {link.status?.capabilities.webgpu ? ` (WebGPU adapter: ${link.status.capabilities.webgpu.adapter}${link.status.capabilities.webgpu.isFallbackAdapter ? ', a software fallback' : ''})` : ' (no WebGPU adapter)'}.
        Change it with the picker in the header.
      </p>
      <fieldset className="flex flex-wrap items-end gap-6" disabled={bench.running}>
        <div>
          <legend className="font-semibold">Matrices (one GPT-2-small block)</legend>
          {gpt2BlockShapes.map((s) => (
            <label key={s.name} className="mr-4">
              <input
                type="checkbox"
                checked={picked.includes(s.name)}
                onChange={(e) => setPicked((p) => (e.target.checked ? [...p, s.name] : p.filter((n) => n !== s.name)))}
              />{' '}
              {s.name} ({s.rows} x {s.cols})
            </label>
          ))}
        </div>
        <label>
          tasks k{' '}
          <input data-testid="bench-k" type="number" min={2} max={8} value={k} onChange={(e) => setK(Number(e.target.value))} className="w-16 rounded border px-1" />
        </label>
        <label>
          signal rank{' '}
          <input type="number" min={1} max={512} value={rank} onChange={(e) => setRank(Number(e.target.value))} className="w-20 rounded border px-1" />
        </label>
        <label>
          runs of each{' '}
          <input type="number" min={1} max={5} value={repeats} onChange={(e) => setRepeats(Number(e.target.value))} className="w-16 rounded border px-1" />
        </label>
      </fieldset>
      <div className="flex items-center gap-4">
        <button data-testid="bench-run" disabled={!ready || specs.length === 0} onClick={() => void bench.run(specs)} className="rounded bg-sky-700 px-4 py-2 text-white disabled:opacity-50">
          Run
        </button>
        <button data-testid="bench-cancel" disabled={!bench.running} onClick={bench.cancel} className="rounded border px-4 py-2 disabled:opacity-50">
          Cancel
        </button>
        <progress data-testid="bench-progress" max={Math.max(bench.total, 1)} value={bench.done} className="w-64" />
        <span className="tabular-nums">
          {bench.done} / {bench.total}
          {bench.running ? ' (cancel stops after the matrix in progress)' : ''}
        </span>
      </div>
      {bench.error && (
        <p role="alert" className="text-red-600">
          Error: {bench.error}
        </p>
      )}
      <table className="tabular-nums" data-testid="bench-table">
        <thead>
          <tr className="text-left">
            <th className="pr-4">matrix</th>
            <th className="pr-4">backend</th>
            <th className="pr-4">time (s)</th>
            <th className="pr-4">reads</th>
            <th className="pr-4">floats read</th>
            <th className="pr-4">paths</th>
            <th className="pr-4">ranks</th>
            <th className="pr-4">shared dim</th>
            <th className="pr-4">split error</th>
          </tr>
        </thead>
        <tbody>
          {bench.rows.map((r) => (
            <tr key={r.name} data-testid="bench-row" data-reads={r.reads} data-ms={r.ms} data-split-error={r.splitError} data-leakage={r.leakage} data-paths={r.paths.join(',')}>
              <td className="pr-4">
                {r.name} ({r.rows} x {r.cols}, k = {r.k})
              </td>
              <td className="pr-4">{r.backend}</td>
              <td className="pr-4">{(r.ms / 1000).toFixed(2)}</td>
              <td className="pr-4">{r.reads}</td>
              <td className="pr-4">{r.readElements.toLocaleString('en')}</td>
              <td className="pr-4">{pathsOf(r.paths)}</td>
              <td className="pr-4">{r.ranks.join(' / ')}</td>
              <td className="pr-4">{r.sharedDim}</td>
              <td className="pr-4">{r.splitError.toExponential(1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
