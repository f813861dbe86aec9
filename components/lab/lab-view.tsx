'use client';
import { useState } from 'react';
import { LayerEnergyChart } from '@/components/charts/layer-energy-chart';
import { PageFrame } from '@/components/demo/page-frame';
import { useEngine } from '@/components/engine/engine-provider';
import { download } from '@/components/share/download';
import { MergekitExport } from '@/components/formats/mergekit-export';
import { ExportPanel } from '@/components/share/export-panel';
import { ErrorPanel } from '@/components/ui/error-panel';
import { ProgressBar } from '@/components/ui/progress-bar';
import { useExportWeights } from '@/hooks/use-engine-call';
import { useLab } from '@/hooks/use-lab';
import { labLinkSchema, shortName } from '@/lib/lab/lab-link';
import { CachePanel } from './cache-panel';
import { DecomposeOptionsControls } from './decompose-options-controls';
import { EditBuilder } from './edit-builder';
import { MergekitPanel } from './mergekit-panel';
import { LayerInsightPanel } from './layer-insight-panel';
import { LayerTable } from './layer-table';
import type { PickedFile } from './picked-files';
import { SourceCard } from './source-card';
import { SourceInput } from './source-input';

/** Several plain files picked at once are several models; anything with folder paths is one folder. */
const splitPicked = (files: PickedFile[]): PickedFile[][] =>
  files.every((f) => !f.path.includes('/') && f.path.endsWith('.safetensors')) ? files.map((f) => [f]) : [files];
const folderName = (files: PickedFile[]) => files[0].path.split('/')[0];

/** Bring your own checkpoints or LoRA adapters from anywhere: decompose, inspect every layer, edit, export. */
export default function LabView() {
  const { engine, generation } = useEngine();
  const lab = useLab({ engine, generation });
  const exportWeights = useExportWeights(engine);
  const [exportError, setExportError] = useState<string | null>(null);
  const { link, sources, analysis, recipe } = lab;
  if (!link) return <p>Loading…</p>;

  const exportLora = () => {
    setExportError(null);
    lab
      .exportLora()
      .then((f) => f && download(f.bytes, f.name, 'application/octet-stream'))
      .catch((e: Error) => setExportError(e.message));
  };
  const cardOf = (s: (typeof sources.tasks)[number]) => (
    <SourceCard key={s.key} slot={s} onCancel={() => sources.cancel(s.key)} onRetry={() => sources.retry(s.key)} onRemove={() => sources.remove(s.key)} onProvide={(f) => sources.provide(s.key, f)} />
  );
  const matrices = (analysis.diagnostics ?? []).filter((d) => d.kind === 'matrix');
  const tensorNames = (analysis.diagnostics ?? []).map((d) => d.name);
  const pending = lab.pendingLink;
  const hosts = pending ? [...new Set(pending.filter((s) => s.kind === 'remote').map((s) => (s.ref.startsWith('hf:') ? link.hubUrl : new URL(s.ref).origin)))] : [];
  const editTasks = sources.tasks.flatMap((t, index) => (t.status === 'loaded' ? [{ index, source: t.source }] : []));

  // The full-weights export joins the share row once there is an edit to build (after a decomposition).
  const exports = recipe && !lab.lora && <ExportPanel options={[{ id: 'edit', title: 'this edit', recipe }]} fileStem="lab" exportWeights={exportWeights} />;
  const notice = pending && (
    <div className="space-y-2 rounded border border-blue-300 bg-blue-50 p-3 text-sm dark:border-blue-800 dark:bg-blue-950" data-testid="link-sources">
      <p>
        This link names {pending.length} models{hosts.length ? ` from ${hosts.join(', ')}` : ''}
        {pending.some((s) => s.kind === 'local') ? ' (local files will be asked for)' : ''}. Nothing is downloaded until you say so.
      </p>
      <button onClick={lab.openLink} data-testid="open-link-sources" className="rounded bg-blue-600 px-3 py-1 text-white">
        Load them
      </button>
    </div>
  );

  return (
    <PageFrame linkError={lab.linkError} onDismissLinkError={lab.dismissLinkError} notice={notice} exports={exports}>
      <section className="flex flex-wrap items-center gap-4">
        <button onClick={lab.tryIt} data-testid="try-it" className="rounded border border-blue-600 px-3 py-1 text-sm text-blue-700 dark:text-blue-300">
          Try it: the shipped digit, Greek and Latin models
        </button>
        <label className="flex items-center gap-2 text-sm">
          Hub
          <input
            defaultValue={link.hubUrl}
            onBlur={(e) => {
              const v = e.target.value.trim();
              if (v && v !== link.hubUrl && labLinkSchema.shape.hubUrl.safeParse(v).success) lab.update({ ...link, hubUrl: v });
            }}
            data-testid="hub-url"
            className="w-72 rounded border border-zinc-300 bg-transparent px-2 py-1 font-mono text-xs dark:border-zinc-600"
          />
        </label>
        <CachePanel size={lab.cache.size} onClear={() => void lab.cache.clear()} />
      </section>
      <MergekitPanel onUse={lab.adoptRecipe} />
      <section className="grid gap-6 md:grid-cols-2">
        <div className="space-y-2">
          <SourceInput label="Pre-trained model (θ₀)" testId="base-file" onRemote={(ref) => sources.add('base', { kind: 'remote', ref })} onLocal={(files) => sources.add('base', { kind: 'local', name: folderName(files) }, files)} />
          <ul className="space-y-2">{sources.base && cardOf(sources.base)}</ul>
        </div>
        <div className="space-y-2">
          <SourceInput
            label="Fine-tunes or LoRA adapters (θ₁ … θₖ)"
            testId="task-files"
            onRemote={(ref) => sources.add('task', { kind: 'remote', ref })}
            onLocal={(files) => splitPicked(files).forEach((group) => sources.add('task', { kind: 'local', name: folderName(group) }, group))}
          />
          <ul className="space-y-2">{sources.tasks.map(cardOf)}</ul>
        </div>
      </section>
      <DecomposeOptionsControls value={link.decomposition} onChange={(decomposition) => lab.update({ ...link, decomposition })} />
      <div className="flex items-center gap-4">
        <button onClick={() => void analysis.decompose()} disabled={!engine || !lab.ready || !!analysis.progress} data-testid="decompose" className="rounded bg-blue-600 px-4 py-2 text-white disabled:opacity-50">
          Decompose
        </button>
        {analysis.progress && <ProgressBar progress={analysis.progress} label="decomposing tensors" onCancel={analysis.cancel} />}
        {!lab.ready && <span className="text-sm text-zinc-600 dark:text-zinc-400">Load a pre-trained model and at least one fine-tune, or one or more LoRA adapters.</span>}
      </div>
      {analysis.error && <ErrorPanel title="The decomposition stopped" message={analysis.error} />}
      {analysis.diagnostics && (
        <>
          <section className="space-y-2">
            <h2 className="text-xl font-semibold">Shared energy per layer</h2>
            <LayerEnergyChart layers={matrices.slice(0, 60)} tasks={editTasks.map((t, n) => `${n + 1}. ${shortName(t.source)}`)} />
          </section>
          <section className="max-h-96 overflow-auto">
            <LayerTable rows={matrices} selected={analysis.layer} onSelect={analysis.setLayer} unit={lab.lora ? 'module' : 'tensor'} />
          </section>
          {analysis.insight && <LayerInsightPanel insight={analysis.insight} labels={lab.labels} eta={link.decomposition.eta} />}
          {analysis.insightError && <ErrorPanel title="Layer insight failed" message={analysis.insightError} />}
          <section className="space-y-3">
            <h2 className="text-xl font-semibold">Build an edit</h2>
            <EditBuilder link={link} tasks={editTasks} lora={lab.lora} tensorNames={tensorNames} onChange={lab.update} />
            {recipe && !lab.lora && <MergekitExport recipe={recipe} fileStem="lab" />}
            {recipe && lab.lora && (
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <button onClick={exportLora} data-testid="export-lora" className="rounded border border-zinc-300 px-2 py-1 dark:border-zinc-600">
                  Adapter ({sources.tasks.find((t) => t.loaded?.adapter)?.loaded?.adapter?.format}, exact: rank ≤ sum of the terms&apos;)
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
