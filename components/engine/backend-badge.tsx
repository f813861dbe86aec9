'use client';
import { backendNames, type BackendRequest } from '@/lib/backend/resolve-backend';
import { useEngine } from './engine-provider';

const colour: Record<string, string> = {
  webgpu: 'bg-emerald-600',
  wasm: 'bg-sky-600',
  cpu: 'bg-amber-600',
};

/** Which backend computes, why, and a way to force another one. */
export function BackendBadge() {
  const { status, error, request, setRequest, restart } = useEngine();
  const label = error ? 'engine stopped' : status ? status.backend : 'starting…';
  const adapter = status?.capabilities.webgpu?.adapter;
  return (
    <div className="flex items-center gap-2 text-sm">
      <span
        data-testid="backend-badge"
        data-backend={status?.backend ?? ''}
        title={error ?? status?.reason ?? 'starting the engine'}
        className={`rounded-full px-3 py-1 font-semibold text-white ${error ? 'bg-red-600' : colour[status?.backend ?? ''] ?? 'bg-zinc-500'}`}
      >
        {label}
        {status?.backend === 'webgpu' && adapter ? ` · ${adapter}` : ''}
      </span>
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
