'use client';
import { backendNames, type BackendRequest } from '@/lib/backend/resolve-backend';
import type { RuntimeStatus } from '@/lib/runtime/start-runtime';
import { useEngineStatus } from './engine-provider';

const colour: Record<string, string> = {
  webgpu: 'bg-emerald-600',
  wasm: 'bg-sky-600',
  cpu: 'bg-amber-600',
};

const threadWord = (n: number | null) => (n === null ? 'GPU' : `${n} thread${n === 1 ? '' : 's'}`);

/** Both runtimes, why each was chosen, and the threads each computes with. */
function describe(s: RuntimeStatus): string {
  return [
    `tfjs (decomposition): ${s.backend}, ${threadWord(s.threads.tfjs)}${s.threads.tfjsNote ? ` (${s.threads.tfjsNote})` : ''}. ${s.reason}.`,
    `onnxruntime (demo inference): ${s.ort.executionProviders.join(' then ')} (${s.ort.build} build), ${threadWord(s.threads.ort)}. ${s.ort.reason}.`,
  ].join('\n');
}

/** Which backends compute, why, and a way to force another one. */
export function BackendBadge() {
  const { status, error, request, setRequest, restart, started } = useEngineStatus();
  const label = error ? 'engine stopped' : status ? status.backend : started ? 'starting…' : 'idle';
  const adapter = status?.capabilities.webgpu?.adapter;
  const title = error ?? (status ? describe(status) : started ? 'starting the engine' : 'this page computes nothing, so the engine is not started');
  return (
    <div className="flex items-center gap-2 text-sm">
      <span
        data-testid="backend-badge"
        data-backend={status?.backend ?? ''}
        data-ort={status?.ort.executionProviders[0] ?? ''}
        title={title}
        className={`rounded-full px-3 py-1 font-semibold text-white ${error ? 'bg-red-600' : colour[status?.backend ?? ''] ?? 'bg-zinc-500'}`}
      >
        {label}
        {status?.backend === 'webgpu' && adapter ? ` · ${adapter}` : ''}
        {status && !error ? <span className="font-normal opacity-90"> · ORT {status.ort.executionProviders[0]}</span> : null}
      </span>
      {status && !error ? (
        <span data-testid="runtime-threads" data-tfjs-threads={status.threads.tfjs ?? ''} className="text-xs text-zinc-600 dark:text-zinc-400" title={title}>
          {status.threads.tfjs === status.threads.ort ? threadWord(status.threads.ort) + ' each' : `${threadWord(status.threads.tfjs)} + ${threadWord(status.threads.ort)}`}
        </span>
      ) : null}
      <label className="sr-only" htmlFor="backend-select">
        Backend
      </label>
      <select
        id="backend-select"
        value={request}
        onChange={(e) => setRequest(e.target.value as BackendRequest)}
        className="rounded border border-zinc-300 bg-transparent px-2 py-1 dark:border-zinc-600"
      >
        <option value="auto">auto</option>
        {backendNames.map((b) => (
          <option key={b} value={b}>
            {b}
          </option>
        ))}
      </select>
      {error && (
        <button onClick={restart} className="rounded bg-red-600 px-2 py-1 text-white">
          Restart engine
        </button>
      )}
    </div>
  );
}
