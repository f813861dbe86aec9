'use client';
import * as Comlink from 'comlink';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type LabSource, sourceLabel } from '@/lib/lab/lab-link';
import { adapterOf, looksLikeAdapter } from '@/lib/lab/adapter-set';
import type { Adapter } from '@/lib/lora/adapter-module';
import type { ByteCache } from '@/lib/sources/byte-cache';
import { ARRAY_BUFFER_MAX, type DeviceLimits, WASM_MEMORY_MAX } from '@/lib/sources/device-limits';
import { DEFAULT_RESULT_BUDGET } from '@/lib/decompose/memory-estimate';
import { describeRefusal, estimateLoad, type LoadEstimate } from '@/lib/sources/load-estimate';
import { describeMismatch, matchCheckpointNames, type NameMatch } from '@/lib/sources/name-matching';
import type { CheckpointListing } from '@/lib/sources/open-checkpoint';
import { openLocal, openRemote } from '@/lib/sources/open-source';
import { readCheckpoint } from '@/lib/sources/read-checkpoint';
import type { RemoteEngine } from './engine-client';

export type SlotStatus = 'needs-file' | 'listing' | 'listed' | 'refused' | 'downloading' | 'loaded' | 'error' | 'cancelled';

export interface SourceSlot {
  key: string;
  role: 'base' | 'task';
  source: LabSource;
  status: SlotStatus;
  listing?: Pick<CheckpointListing, 'label' | 'layout' | 'tensors' | 'totalBytes'>;
  adapterLike?: boolean;
  estimate?: LoadEstimate;
  progress?: Record<string, { loaded: number; total: number }>;
  /** Task names matched to the base's (full checkpoints). */
  match?: NameMatch;
  error?: string;
  /** The engine's id of a loaded full checkpoint. */
  engineId?: string;
  adapter?: Adapter;
}

export interface SourceSettings {
  hubUrl: string;
  cache: ByteCache | null;
  limits: DeviceLimits | null;
  onCacheChange?: () => void;
}

let counter = 0;
/** The engine id is the source itself (made safe for recipes), so an exported recipe names where each model came from. */
const engineIdOf = (s: SourceSlot, all: SourceSlot[]) => {
  const id = sourceLabel(s.source).replace(/[^\w./@:+-]/g, '_').slice(0, 240);
  const twins = all.filter((o) => Number(o.key) < Number(s.key) && sourceLabel(o.source) === sourceLabel(s.source)).length;
  return twins ? `${id}+${twins + 1}` : id;
};

/**
 * The models /lab holds: each added source is listed header first (preview, memory estimate,
 * name mapping), then read tensor by tensor with progress and handed to the engine (full
 * checkpoints) or kept as factors (LoRA adapters). A failure marks its own slot only: nothing
 * already loaded is lost.
 */
export function useLabSources(engine: RemoteEngine | null, settings: SourceSettings) {
  const [slots, setSlots] = useState<SourceSlot[]>([]);
  /** Counts finished loads, so a page can wait for a restarted engine to have its models again. */
  const [loads, setLoads] = useState(0);
  const latest = useRef(slots);
  latest.current = slots;
  const aborts = useRef(new Map<string, AbortController>());
  const local = useRef(new Map<string, { path: string; blob: Blob }[]>());
  const settingsRef = useRef(settings);
  settingsRef.current = settings;

  const patch = useCallback((key: string, p: Partial<SourceSlot>) => setSlots((all) => all.map((s) => (s.key === key ? { ...s, ...p } : s))), []);

  const load = useCallback(
    async (slot: SourceSlot) => {
      if (!engine) return;
      const { hubUrl, cache, limits, onCacheChange } = settingsRef.current;
      const abort = new AbortController();
      aborts.current.get(slot.key)?.abort();
      aborts.current.set(slot.key, abort);
      patch(slot.key, { status: 'listing', error: undefined, progress: undefined });
      try {
        const files = local.current.get(slot.key);
        const listing =
          slot.source.kind === 'remote'
            ? await openRemote(slot.source.ref, { hubUrl, cache: cache ?? undefined, signal: abort.signal })
            : files
              ? await openLocal(files)
              : null;
        if (!listing) return patch(slot.key, { status: 'needs-file' });
        const adapterLike = looksLikeAdapter(listing);
        const summary = { label: listing.label, layout: listing.layout, tensors: listing.tensors, totalBytes: listing.totalBytes };
        // Memory, before any tensor: this model with as many fine-tunes as the page lists.
        const others = latest.current.filter((s) => s.role === 'task' && s.key !== slot.key && !s.adapterLike).length;
        const fullTasks = Math.max(1, others + (slot.role === 'task' && !adapterLike ? 1 : 0));
        // Until the engine has said which backend it runs, check against wasm's limits.
        const device = limits ?? { backend: 'wasm' as const, arrayBufferMax: ARRAY_BUFFER_MAX, wasmMemoryMax: WASM_MEMORY_MAX, tabBudget: DEFAULT_RESULT_BUDGET };
        const estimate = estimateLoad(listing.tensors.map((t) => ({ name: t.name, shape: t.info.shape })), fullTasks, device, adapterLike ? listing.totalBytes * 2 : undefined);
        const base = latest.current.find((s) => s.role === 'base' && s.listing);
        const match = slot.role === 'task' && !adapterLike && base?.listing ? matchCheckpointNames(base.listing.tensors.map((t) => t.name), listing.tensors.map((t) => t.name)) : undefined;
        patch(slot.key, { status: 'listed', listing: summary, adapterLike, estimate, match });
        const refusal = describeRefusal(estimate);
        if (refusal) return patch(slot.key, { status: 'refused', error: refusal });
        const mismatch = match && describeMismatch(`${listing.label}`, match);
        if (mismatch) return patch(slot.key, { status: 'error', error: mismatch });
        patch(slot.key, { status: 'downloading', progress: {} });
        let last = 0;
        const ws = await readCheckpoint(listing, {
          signal: abort.signal,
          rename: match ? (n) => match.mapping.get(n) : undefined,
          onProgress: (p) => {
            const now = performance.now();
            if (now - last < 100 && p.loaded < p.total) return;
            last = now;
            setSlots((all) => all.map((s) => (s.key === slot.key ? { ...s, progress: { ...s.progress, [p.file]: { loaded: p.loaded, total: p.total } } } : s)));
          },
        });
        onCacheChange?.();
        if (adapterLike) {
          const adapter = adapterOf(listing, ws);
          if (!adapter) throw new Error(`${listing.label} looked like a LoRA adapter but has no lora_A/lora_B or lora_down/lora_up pairs`);
          patch(slot.key, { status: 'loaded', adapter });
          return setLoads((n) => n + 1);
        }
        const id = engineIdOf(slot, latest.current);
        const buffers = Object.values(ws.tensors).map((t) => t.data.buffer as ArrayBuffer);
        await engine.addWeights(id, Comlink.transfer(ws, buffers));
        patch(slot.key, { status: 'loaded', engineId: id });
        setLoads((n) => n + 1);
      } catch (e) {
        const cancelled = (e as Error).name === 'AbortError';
        patch(slot.key, { status: cancelled ? 'cancelled' : 'error', error: cancelled ? 'Cancelled: nothing of this model was kept.' : (e as Error).message });
      } finally {
        if (aborts.current.get(slot.key) === abort) aborts.current.delete(slot.key);
      }
    },
    [engine, patch],
  );

  const add = useCallback(
    (role: SourceSlot['role'], source: LabSource, files?: { path: string; blob: Blob }[]) => {
      const slot: SourceSlot = { key: String(++counter), role, source, status: files || source.kind === 'remote' ? 'listing' : 'needs-file' };
      if (files) local.current.set(slot.key, files);
      setSlots((all) => [...(role === 'base' ? all.filter((s) => s.role !== 'base') : all), slot]);
      latest.current = [...latest.current, slot];
      if (slot.status === 'listing') void load(slot);
      return slot.key;
    },
    [load],
  );

  /** A local file named by a link, given again by the user. */
  const provide = useCallback(
    (key: string, files: { path: string; blob: Blob }[]) => {
      const slot = latest.current.find((s) => s.key === key);
      if (!slot) return;
      local.current.set(key, files);
      void load(slot);
    },
    [load],
  );

  const cancel = useCallback((key: string) => aborts.current.get(key)?.abort(), []);
  const retry = useCallback((key: string) => {
    const slot = latest.current.find((s) => s.key === key);
    if (slot) void load(slot);
  }, [load]);
  const remove = useCallback((key: string) => {
    aborts.current.get(key)?.abort();
    local.current.delete(key);
    setSlots((all) => all.filter((s) => s.key !== key));
  }, []);
  const reset = useCallback(() => {
    for (const a of aborts.current.values()) a.abort();
    local.current.clear();
    setSlots([]);
  }, []);

  // A restarted engine starts empty: load again what this page had loaded (from the cache when it can).
  useEffect(() => {
    if (!engine) return;
    for (const s of latest.current) {
      if (s.status === 'listing' && !aborts.current.has(s.key)) void load(s); // added before the engine was ready
      else if (s.status === 'loaded' && s.engineId) void load(s);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [engine]);

  return { slots, loads, add, provide, cancel, retry, remove, reset };
}
