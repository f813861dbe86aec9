'use client';
import * as Comlink from 'comlink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TensorDiagnostics } from '@/lib/decompose/decompose-weights';
import type { LayerInsight } from '@/lib/insight/layer-insight';
import { defaultLabLink, LAB_LINK_VERSION, labLinkSchema, labRecipe, type LabSource, readLabLink, shortName, withSources } from '@/lib/lab/lab-link';
import type { LabModels, LabProgress, SourceListing, SourceLoaded } from '@/lib/lab/lab-session';
import { recipeToLabLink } from '@/lib/lab/from-recipe';
import type { Recipe } from '@/lib/recipe/schema';
import { EngineStoppedError } from './engine-client';
import type { EngineLink } from './use-engine-call';
import { useSourceCache } from './use-source-cache';
import { useUrlState } from './use-url-state';

export type SlotStatus = 'needs-file' | 'listing' | 'listed' | 'refused' | 'downloading' | 'loaded' | 'error' | 'cancelled';

/** One model on the page, as its card shows it; the tensors live in the engine's lab session. */
export interface SourceSlot {
  key: string;
  role: 'base' | 'task';
  source: LabSource;
  status: SlotStatus;
  listing?: SourceListing;
  progress?: Record<string, { loaded: number; total: number }>;
  error?: string;
  loaded?: SourceLoaded;
  /** Set when the engine stopped while it was read: a restarted engine reads it again. */
  interrupted?: boolean;
}

export type PickedFiles = { path: string; blob: Blob }[];

/** The shipped digit family, read through the same URL path as any remote model. */
const TRY_IT = ['base', 'task-digits', 'task-greek', 'task-latin'];

let counter = 0;
const isCancel = (e: unknown) => ['AbortError', 'CancelledError'].includes((e as Error)?.name);

/**
 * Everything /lab holds: its link (the recipe plus view settings), the models a user brings and
 * their state, the decomposition, the selected layer's insight and the exports. Reading,
 * decomposing and exporting run in the engine worker's lab session; this hook only keeps what the
 * page shows. A failure marks its own card only; a restarted engine reads the models again (from
 * the byte cache when it can) and runs the decomposition the page showed.
 */
export function useLab({ engine, generation }: EngineLink) {
  const url = useUrlState(labLinkSchema, LAB_LINK_VERSION, defaultLabLink, { read: readLabLink });
  const link = url.state;
  const cache = useSourceCache();
  const refreshCache = cache.refresh;
  const [slots, setSlots] = useState<SourceSlot[]>([]);
  const latest = useRef(slots);
  latest.current = slots;
  const linkRef = useRef(link);
  linkRef.current = link;
  const local = useRef(new Map<string, PickedFiles>());
  /** Loads in flight, and each slot's latest attempt (an older attempt's answer is dropped). */
  const inFlight = useRef(new Set<string>());
  const attempts = useRef(new Map<string, number>());
  const [pendingLink, setPendingLink] = useState<LabSource[] | null>(null);
  const opened = useRef(false);
  const autoRun = useRef(false);

  const patch = useCallback((key: string, p: Partial<SourceSlot>) => setSlots((all) => all.map((s) => (s.key === key ? { ...s, ...p } : s))), []);

  const load = useCallback(
    async (slot: SourceSlot) => {
      const settings = linkRef.current ?? defaultLabLink;
      const files = local.current.get(slot.key);
      if (slot.source.kind === 'local' && !files) return patch(slot.key, { status: 'needs-file' });
      if (!engine) return patch(slot.key, { status: 'listing', error: undefined }); // read once the engine is up
      const attempt = (attempts.current.get(slot.key) ?? 0) + 1;
      attempts.current.set(slot.key, attempt);
      const current = () => attempts.current.get(slot.key) === attempt;
      inFlight.current.add(slot.key);
      patch(slot.key, { status: 'listing', error: undefined, progress: undefined, listing: undefined, loaded: undefined, interrupted: false });
      try {
        const listing = await engine.labAddSource({ key: slot.key, role: slot.role, source: slot.source, files, hubUrl: settings.hubUrl, stallMs: settings.view.stallSeconds * 1000 });
        if (!current()) return;
        if (listing.refusal) return patch(slot.key, { status: listing.estimate.problems.length ? 'refused' : 'error', listing, error: listing.refusal });
        patch(slot.key, { status: 'downloading', listing, progress: {} });
        const onProgress = Comlink.proxy((p: LabProgress) => {
          if (current() && p.file) setSlots((all) => all.map((s) => (s.key === slot.key ? { ...s, progress: { ...s.progress, [p.file!]: { loaded: p.loaded, total: p.total } } } : s)));
        });
        const loaded = await engine.labRead(slot.key, onProgress);
        if (!current()) return;
        inFlight.current.delete(slot.key);
        patch(slot.key, { status: 'loaded', loaded });
        void refreshCache();
      } catch (e) {
        if (!current()) return;
        inFlight.current.delete(slot.key);
        const cancelled = isCancel(e);
        patch(slot.key, {
          status: cancelled ? 'cancelled' : 'error',
          error: cancelled ? 'Cancelled: nothing of this model was kept.' : (e as Error).message,
          interrupted: e instanceof EngineStoppedError,
        });
      } finally {
        if (current()) inFlight.current.delete(slot.key);
      }
    },
    [engine, patch, refreshCache],
  );

  const add = useCallback(
    (role: SourceSlot['role'], source: LabSource, files?: PickedFiles) => {
      const slot: SourceSlot = { key: String(++counter), role, source, status: files || source.kind === 'remote' ? 'listing' : 'needs-file' };
      if (files) local.current.set(slot.key, files);
      const replaced = role === 'base' ? latest.current.filter((s) => s.role === 'base') : [];
      for (const r of replaced) void engine?.labRemove(r.key);
      const next = [...latest.current.filter((s) => !replaced.includes(s)), slot];
      latest.current = next;
      setSlots(next);
      if (slot.status === 'listing') void load(slot);
    },
    [engine, load],
  );

  /** A local file named by a link, given again by the user. */
  const provide = useCallback(
    (key: string, files: PickedFiles) => {
      const slot = latest.current.find((s) => s.key === key);
      if (!slot) return;
      local.current.set(key, files);
      void load(slot);
    },
    [load],
  );

  const cancel = useCallback(
    (key: string) => {
      if (engine) void engine.labCancel(key);
      else patch(key, { status: 'cancelled', error: 'Cancelled: nothing of this model was kept.' });
    },
    [engine, patch],
  );
  const retry = useCallback((key: string) => {
    const slot = latest.current.find((s) => s.key === key);
    if (slot) void load(slot);
  }, [load]);
  const remove = useCallback(
    (key: string) => {
      attempts.current.delete(key);
      inFlight.current.delete(key);
      void engine?.labRemove(key);
      local.current.delete(key);
      setSlots((all) => all.filter((s) => s.key !== key));
    },
    [engine],
  );
  const reset = useCallback(() => {
    for (const s of latest.current) remove(s.key);
    latest.current = [];
  }, [remove]);

  // ---- the decomposition and the selected layer ----
  const base = slots.find((s) => s.role === 'base');
  const tasks = slots.filter((s) => s.role === 'task');
  const loadedTasks = tasks.filter((s) => s.status === 'loaded');
  const lora = loadedTasks.length > 0 && loadedTasks.every((s) => s.loaded?.adapter);
  const ready = lora || (base?.status === 'loaded' && loadedTasks.length >= 1);
  const labels = useMemo(() => loadedTasks.map((s) => shortName(s.source)), [loadedTasks]);

  const [progress, setProgress] = useState<LabProgress | null>(null);
  const [diagnostics, setDiagnostics] = useState<TensorDiagnostics[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ran, setRan] = useState<{ engine: NonNullable<EngineLink['engine']>; models: LabModels; lora: boolean; labels: string[] } | null>(null);
  const [insight, setInsight] = useState<LayerInsight | null>(null);
  const [insightError, setInsightError] = useState<string | null>(null);
  /** The page showed (or was computing) a decomposition when the engine stopped: run it again once the models are back. */
  const rerun = useRef(false);

  const decompose = useCallback(async () => {
    const l = linkRef.current;
    if (!engine || !l || !ready) return;
    const models: LabModels = { base: lora ? null : base!.loaded!.id, tasks: loadedTasks.map((t) => t.loaded!.id) };
    setError(null);
    setDiagnostics(null);
    setInsight(null);
    setProgress({ stage: 'decompose', loaded: 0, total: 1 });
    try {
      const d = await engine.labDecompose(models, l.decomposition, Comlink.proxy((p: LabProgress) => setProgress(p)));
      setRan({ engine, models, lora, labels });
      setDiagnostics(d);
      const layer = l.view.layer && d.some((x) => x.name === l.view.layer) ? l.view.layer : (d.find((x) => x.kind === 'matrix')?.name ?? null);
      if (layer !== l.view.layer) url.update({ ...l, view: { ...l.view, layer } });
    } catch (e) {
      setError(isCancel(e) ? 'Cancelled.' : (e as Error).message);
      if (e instanceof EngineStoppedError) rerun.current = true;
    } finally {
      setProgress(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [engine, ready, lora, base, loadedTasks, labels]);

  const cancelDecompose = useCallback(() => void engine?.labCancelDecompose(), [engine]);
  const layer = link?.view.layer ?? null;
  const setLayer = useCallback((name: string) => linkRef.current && url.update({ ...linkRef.current, view: { ...linkRef.current.view, layer: name } }), [url]);

  useEffect(() => {
    if (!layer || !ran || ran.engine !== engine || !diagnostics?.some((d) => d.name === layer)) return;
    let alive = true;
    setInsight(null);
    setInsightError(null);
    ran.engine
      .labInsight(layer)
      .then((x) => alive && setInsight(x))
      .catch((e: Error) => alive && setInsightError(e.message));
    return () => {
      alive = false;
    };
  }, [layer, ran, engine, diagnostics]);

  // ---- the link ----
  // A link that names models: remote ones are listed for the user to confirm; local ones are asked for.
  useEffect(() => {
    if (!link || opened.current) return;
    opened.current = true;
    const named = [...(link.base ? [link.base] : []), ...link.tasks];
    if (named.length) setPendingLink(named);
  }, [link]);

  const openLink = useCallback(() => {
    const l = linkRef.current;
    if (!l) return;
    if (l.base) add('base', l.base);
    for (const t of l.tasks) add('task', t);
    setPendingLink(null);
    autoRun.current = true;
  }, [add]);

  // The link follows the sources (each kept task keeps its terms).
  useEffect(() => {
    const l = linkRef.current;
    if (!l || pendingLink) return;
    const next = withSources(l, base ? base.source : null, tasks.map((t) => t.source));
    if (JSON.stringify(next) !== JSON.stringify(l)) url.update(next);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [slots]);

  /** A recipe from elsewhere (a pasted mergekit config) as this page's link; its models wait for the user's go, as a link's do. */
  const adoptRecipe = useCallback(
    (r: Recipe): string[] => {
      const { link: next, approximations } = recipeToLabLink(r);
      const kept = { ...next, hubUrl: linkRef.current?.hubUrl ?? next.hubUrl };
      reset();
      linkRef.current = kept;
      url.update(kept);
      const named = [...(kept.base ? [kept.base] : []), ...kept.tasks];
      setPendingLink(named.length ? named : null);
      return approximations;
    },
    [reset, url],
  );

  const tryIt = useCallback(() => {
    const origin = window.location.origin;
    reset();
    const [b, ...ts] = TRY_IT.map((n): LabSource => ({ kind: 'remote', ref: `${origin}/models/merge/${n}.safetensors` }));
    add('base', b);
    for (const t of ts) add('task', t);
    autoRun.current = true;
  }, [add, reset]);

  // ---- a (re)started engine ----
  // A restarted engine starts empty: read again what this page had loaded (from the cache when it
  // can), and what was waiting for the engine. Declared before the auto-run below, so that effect
  // sees these loads in flight.
  useEffect(() => {
    if (!engine) return;
    if (ran && ran.engine !== engine) rerun.current = true;
    for (const s of latest.current) if (s.status === 'loaded' || s.status === 'listing' || s.status === 'downloading' || s.interrupted) void load(s);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [engine, generation]);

  // A link's or a try-it's models are in, or a restarted engine has them again: run the
  // decomposition, so the page shows the same numbers.
  useEffect(() => {
    // Settled: nothing is being read and no file named by the link is still to be picked (a model that failed does not hold the others back).
    const settled = slots.length > 0 && inFlight.current.size === 0 && !slots.some((s) => ['listing', 'downloading', 'needs-file'].includes(s.status));
    if ((autoRun.current || rerun.current) && settled && ready && engine && !progress) {
      autoRun.current = false;
      rerun.current = false;
      void decompose();
    }
  }, [slots, ready, engine, decompose, progress]);

  // ---- the edit ----
  const recipe = useMemo(() => {
    if (!link || !diagnostics || !ran) return null;
    const byId = new Map(slots.filter((s) => s.role === 'task' && s.status === 'loaded').map((s) => [s.key, s.loaded!.id]));
    const ids = tasks.map((t) => (byId.has(t.key) && ran.models.tasks.includes(byId.get(t.key)!) ? byId.get(t.key)! : null));
    return labRecipe(link, ran.models.base, ids);
  }, [link, diagnostics, ran, slots, tasks]);

  /** The edit as a LoRA adapter in the tasks' own format (exact: rank <= the sum of the terms'). */
  const exportLora = useCallback(async () => {
    if (!engine || !recipe) return null;
    return engine.labExportLora(recipe, 'lab-edit');
  }, [engine, recipe]);

  return {
    link,
    update: url.update,
    linkError: url.linkError,
    dismissLinkError: url.dismissLinkError,
    pendingLink,
    openLink,
    adoptRecipe,
    tryIt,
    cache: { size: cache.size, clear: cache.clear },
    sources: { base, tasks, add, provide, cancel, retry, remove },
    ready,
    lora,
    labels: ran?.labels ?? labels,
    analysis: { decompose, cancel: cancelDecompose, progress, diagnostics, error, layer, setLayer, insight, insightError },
    recipe,
    exportLora,
  };
}
