'use client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { LayerEnergyChart } from '@/components/charts/layer-energy-chart';
import { PageFrame } from '@/components/demo/page-frame';
import { useEngine } from '@/components/engine/engine-provider';
import { download } from '@/components/share/download';
import { ExportPanel } from '@/components/share/export-panel';
import { ErrorPanel } from '@/components/ui/error-panel';
import { ProgressBar } from '@/components/ui/progress-bar';
import { useDeviceLimits } from '@/hooks/use-device-limits';
import { useLabSources } from '@/hooks/use-lab-sources';
import { useSourceCache } from '@/hooks/use-source-cache';
import { useUrlState } from '@/hooks/use-url-state';
import { useLabAnalysis } from '@/hooks/use-lab-analysis';
import { useExportWeights } from '@/hooks/use-engine-call';
import { defaultLabLink, LAB_LINK_VERSION, type LabLink, labLinkSchema, type LabSource, sourceLabel } from '@/lib/lab/lab-link';
import { loraExportFile } from '@/lib/lab/lora-export';
import { parseRecipe, type Recipe } from '@/lib/recipe/schema';
import { CachePanel } from './cache-panel';
import { EditBuilder } from './edit-builder';
import { DecomposeOptionsControls } from './decompose-options-controls';
import { LayerTable } from './layer-table';
import { LayerInsightPanel } from './layer-insight-panel';
import type { PickedFile } from './picked-files';
import { SourceCard } from './source-card';
import { SourceInput } from './source-input';

/** The shipped digit family, read through the same URL path as any remote model. */
const TRY_IT = ['base', 'task-digits', 'task-greek', 'task-latin'];

/** Several plain files picked at once are several models; anything with folder paths is one folder. */
const splitPicked = (files: PickedFile[]): PickedFile[][] =>
  files.every((f) => !f.path.includes('/') && f.path.endsWith('.safetensors')) ? files.map((f) => [f]) : [files];

/** Bring your own checkpoints or LoRA adapters from anywhere: decompose, inspect every layer, edit, export. */
export default function LabView() {
  const { engine, status } = useEngine();
  const { state: link, update, linkError, dismissLinkError } = useUrlState(labLinkSchema, LAB_LINK_VERSION, defaultLabLink);
  const cache = useSourceCache();
  const limits = useDeviceLimits(status?.backend);
  const sources = useLabSources(engine, { hubUrl: link?.hubUrl ?? defaultLabLink.hubUrl, cache: cache.cache, limits, onCacheChange: cache.refresh });
  const [pendingLink, setPendingLink] = useState<LabSource[] | null>(null);
  const autoRun = useRef(false);
  const opened = useRef(false);

  // A link that names models: remote ones are listed for the user to confirm; local ones are asked for.
  useEffect(() => {
    if (!link || opened.current) return;
    opened.current = true;
    const named = [...(link.base ? [link.base] : []), ...link.tasks];
    if (named.length) setPendingLink(named);
  }, [link]);

  const openLink = () => {
    if (!link) return;
    if (link.base) sources.add('base', link.base);
    for (const t of link.tasks) sources.add('task', t);
    setPendingLink(null);
    autoRun.current = true;
  };

  const base = sources.slots.find((s) => s.role === 'base');
  const tasks = sources.slots.filter((s) => s.role === 'task');
  const loadedTasks = tasks.filter((s) => s.status === 'loaded');
  const lora = loadedTasks.length > 0 && loadedTasks.every((s) => s.adapter);
  const ready = lora ? loadedTasks.length >= 1 : base?.status === 'loaded' && loadedTasks.length >= 1;
  const labels = loadedTasks.map((s) => sourceLabel(s.source));

  // The link follows the sources and settings.
  useEffect(() => {
    if (!link || pendingLink) return;
    const next = { ...link, base: base ? base.source : null, tasks: tasks.map((t) => t.source) };
    if (JSON.stringify(next.base) !== JSON.stringify(link.base) || JSON.stringify(next.tasks) !== JSON.stringify(link.tasks)) update(next);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sources.slots]);

  const options = link?.options ?? defaultLabLink.options;
  const models = useMemo(() => ({ base: base?.engineId ?? (lora ? 'none' : ''), tasks: loadedTasks.map((t) => t.engineId ?? sourceLabel(t.source).replace(/[^\w./@:+-]/g, '_')) }), [base, loadedTasks, lora]);

  const analysis = useLabAnalysis(engine);
  const exportWeights = useExportWeights(engine);
  const { diagnostics, layer, insight } = analysis;
  const decompose = useCallback(
    () => analysis.decompose({ ...models, adapters: lora ? loadedTasks.map((t) => t.adapter!) : null, labels }, options),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [analysis.decompose, models, lora, loadedTasks, labels, options],
  );

  // A link's models are in, or a restarted engine has them again: run the same decomposition, so
  // the page shows the same numbers.
  const loadsAtStop = useRef<number | null>(null);
  useEffect(() => {
    if (analysis.interrupted && loadsAtStop.current === null) loadsAtStop.current = sources.loads;
  }, [analysis.interrupted, sources.loads]);
  useEffect(() => {
    const settled = sources.slots.length > 0 && sources.slots.every((s) => s.status === 'loaded');
    const reloaded = loadsAtStop.current !== null && sources.loads > loadsAtStop.current;
    if ((autoRun.current || reloaded) && settled && ready && engine) {
      autoRun.current = false;
      loadsAtStop.current = null;
      void decompose();
    }
  }, [sources.slots, sources.loads, ready, engine, decompose]);

  const recipe: Recipe | null = useMemo(() => {
    if (!link || !loadedTasks.length || (!lora && !base?.engineId)) return null;
    const terms = loadedTasks.flatMap((_, task) => {
      const c = link.coefficients[task] ?? { shared: 1, unique: 1 };
      return [
        { task, part: 'shared' as const, coefficient: c.shared },
        { task, part: 'unique' as const, coefficient: c.unique },
      ];
    });
    const m = link.method === 'ties' ? { name: 'ties' as const, lambda: link.lambda, density: 0.2, election: 'mass' as const } : { name: link.method, lambda: link.lambda };
    return parseRecipe({ version: 1, models: { base: models.base || 'none', tasks: models.tasks }, decomposition: options, terms, method: m });
  }, [link, loadedTasks, lora, base, models, options]);

  const [exportError, setExportError] = useState<string | null>(null);
  const exportLora = async () => {
    if (!recipe) return;
    setExportError(null);
    try {
      const f = await loraExportFile(recipe, loadedTasks.map((t) => t.adapter!), 'lab-edit', labels);
      download(f.bytes, f.name, 'application/octet-stream');
    } catch (e) {
      setExportError((e as Error).message);
    }
  };

  const tryIt = () => {
    const origin = window.location.origin;
    sources.reset();
    const [b, ...ts] = TRY_IT.map((n): LabSource => ({ kind: 'remote', ref: `${origin}/models/merge/${n}.safetensors` }));
    sources.add('base', b);
    for (const t of ts) sources.add('task', t);
    autoRun.current = true;
  };

  if (!link) return <p>Loading…</p>;
  const matrices = (diagnostics ?? []).filter((d) => d.kind === 'matrix');
  const hosts = pendingLink ? [...new Set(pendingLink.filter((s) => s.kind === 'remote').map((s) => (s.ref.startsWith('hf:') ? link.hubUrl : new URL(s.ref).origin)))] : [];

  // The full-weights export joins the share row once there is an edit to build (after a decomposition).
  const exports = diagnostics && recipe && !lora && <ExportPanel options={[{ id: 'edit', title: 'this edit', recipe }]} fileStem="lab" exportWeights={exportWeights} />;
  const notice = pendingLink && (
    <div className="space-y-2 rounded border border-blue-300 bg-blue-50 p-3 text-sm dark:border-blue-800 dark:bg-blue-950" data-testid="link-sources">
      <p>
        This link names {pendingLink.length} models{hosts.length ? ` from ${hosts.join(', ')}` : ''}
        {pendingLink.some((s) => s.kind === 'local') ? ' (local files will be asked for)' : ''}. Nothing is downloaded until you say so.
      </p>
      <button onClick={openLink} data-testid="open-link-sources" className="rounded bg-blue-600 px-3 py-1 text-white">
        Load them
      </button>
    </div>
  );

  return (
    <PageFrame linkError={linkError} onDismissLinkError={dismissLinkError} notice={notice} exports={exports}>
      <section className="flex flex-wrap items-center gap-4">
        <button onClick={tryIt} data-testid="try-it" className="rounded border border-blue-600 px-3 py-1 text-sm text-blue-700 dark:text-blue-300">
          Try it: the shipped digit, Greek and Latin models
        </button>
        <label className="flex items-center gap-2 text-sm">
          Hub
          <input
            defaultValue={link.hubUrl}
            onBlur={(e) => {
              const v = e.target.value.trim();
              if (v && v !== link.hubUrl && labLinkSchema.shape.hubUrl.safeParse(v).success) update({ ...link, hubUrl: v });
            }}
            data-testid="hub-url"
            className="w-72 rounded border border-zinc-300 bg-transparent px-2 py-1 font-mono text-xs dark:border-zinc-600"
          />
        </label>
        <CachePanel size={cache.size} onClear={() => void cache.clear()} />
      </section>
      <section className="grid gap-6 md:grid-cols-2">
        <div className="space-y-2">
          <SourceInput label="Pre-trained model (θ₀)" testId="base-file" onRemote={(ref) => sources.add('base', { kind: 'remote', ref })} onLocal={(files) => sources.add('base', { kind: 'local', name: files[0].path.split('/')[0] }, files)} />
          <ul className="space-y-2">{base && <SourceCard slot={base} onCancel={() => sources.cancel(base.key)} onRetry={() => sources.retry(base.key)} onRemove={() => sources.remove(base.key)} onProvide={(f) => sources.provide(base.key, f)} />}</ul>
        </div>
        <div className="space-y-2">
          <SourceInput
            label="Fine-tunes or LoRA adapters (θ₁ … θₖ)"
            testId="task-files"
            onRemote={(ref) => sources.add('task', { kind: 'remote', ref })}
            onLocal={(files) => splitPicked(files).forEach((group) => sources.add('task', { kind: 'local', name: group[0].path.split('/')[0] }, group))}
          />
          <ul className="space-y-2">
            {tasks.map((t) => (
              <SourceCard key={t.key} slot={t} onCancel={() => sources.cancel(t.key)} onRetry={() => sources.retry(t.key)} onRemove={() => sources.remove(t.key)} onProvide={(f) => sources.provide(t.key, f)} />
            ))}
          </ul>
        </div>
      </section>
      <DecomposeOptionsControls value={options} onChange={(o) => update({ ...link, options: o })} />
      <div className="flex items-center gap-4">
        <button onClick={() => void decompose()} disabled={!engine || !ready || !!analysis.progress} data-testid="decompose" className="rounded bg-blue-600 px-4 py-2 text-white disabled:opacity-50">
          Decompose
        </button>
        {analysis.progress && <ProgressBar progress={analysis.progress} label="decomposing tensors" onCancel={analysis.cancel} />}
        {!ready && <span className="text-sm text-zinc-600 dark:text-zinc-400">Load a pre-trained model and at least one fine-tune, or one or more LoRA adapters.</span>}
      </div>
      {analysis.error && <ErrorPanel title="The decomposition stopped" message={analysis.error} />}
      {diagnostics && (
        <>
          <section className="space-y-2">
            <h2 className="text-xl font-semibold">Shared energy per layer</h2>
            <LayerEnergyChart layers={matrices.slice(0, 60)} tasks={labels.map((l, i) => `${i + 1}. ${l.split('/').filter(Boolean).pop()!.replace(/\.safetensors$/, '')}`)} />
          </section>
          <section className="max-h-96 overflow-auto">
            <LayerTable rows={matrices} selected={layer} onSelect={analysis.setLayer} unit={lora ? 'module' : 'tensor'} />
          </section>
          {insight && <LayerInsightPanel insight={insight} labels={labels} eta={options.eta} />}
          {analysis.insightError && <ErrorPanel title="Layer insight failed" message={analysis.insightError} />}
          <section className="space-y-3">
            <h2 className="text-xl font-semibold">Build an edit</h2>
            <EditBuilder link={link} labels={labels} lora={lora} onChange={update} />
            {recipe && lora && (
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <button onClick={() => void exportLora()} data-testid="export-lora" className="rounded border border-zinc-300 px-2 py-1 dark:border-zinc-600">
                  Adapter ({loadedTasks[0].adapter!.format}, exact: rank = sum of the terms&apos;)
                </button>
                <span className="text-xs text-zinc-600 dark:text-zinc-400">
                  Full merged weights and <code>--rank N</code> truncation: <code>npm run tvlab -- apply --recipe … --format full|--rank N</code>
                </span>
                {exportError && (
                  <span role="alert" className="text-red-600">
                    {exportError}
                  </span>
                )}
              </div>
            )}
          </section>
        </>
      )}
    </PageFrame>
  );
}
