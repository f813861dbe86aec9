'use client';
import * as Comlink from 'comlink';
import { useEffect, useMemo, useState } from 'react';
import { LayerEnergyChart } from '@/components/charts/layer-energy-chart';
import { SpectrumChart } from '@/components/charts/spectrum-chart';
import { useEngine } from '@/components/engine/engine-provider';
import { ExportPanel } from '@/components/share/export-panel';
import { ErrorPanel } from '@/components/ui/error-panel';
import { EngineStoppedError } from '@/hooks/engine-client';
import { useReloadCheckpoints } from '@/hooks/use-lab-checkpoints';
import { useExportWeights } from '@/hooks/use-engine-call';
import { type Progress, ProgressBar } from '@/components/ui/progress-bar';
import { Slider } from '@/components/ui/slider';
import type { TensorDiagnostics } from '@/lib/decompose/decompose-weights';
import { parseRecipe, type Recipe } from '@/lib/recipe/schema';
import { DecomposeOptionsControls } from './decompose-options-controls';
import { LayerTable } from './layer-table';
import { CheckpointPicker, type LoadedCheckpoint } from './checkpoint-picker';

type MethodName = 'task_arithmetic' | 'negation' | 'ties';

/** Bring your own checkpoints: decompose them, inspect every layer, build a recipe, export. */
export default function LabView() {
  const { engine } = useEngine();
  const [base, setBase] = useState<LoadedCheckpoint[]>([]);
  const [tasks, setTasks] = useState<LoadedCheckpoint[]>([]);
  const [options, setOptions] = useState({ energy: 0.9, eta: 0.85, side: 'left' as 'left' | 'right' });
  const [progress, setProgress] = useState<Progress | null>(null);
  const [diagnostics, setDiagnostics] = useState<TensorDiagnostics[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [layer, setLayer] = useState<string | null>(null);
  const [coeffs, setCoeffs] = useState<Record<string, { shared: number; unique: number }>>({});
  const [method, setMethod] = useState<MethodName>('task_arithmetic');
  const [lambda, setLambda] = useState(1);
  const [interrupted, setInterrupted] = useState(false);
  const { ready, error: reloadError } = useReloadCheckpoints(engine, [...base, ...tasks]);
  const exportWeights = useExportWeights(engine);

  const decompose = async () => {
    if (!ready || !base[0] || !tasks.length) return;
    setError(null);
    setDiagnostics(null);
    setInterrupted(false);
    try {
      const d = await ready.decompose({ base: base[0].id, tasks: tasks.map((t) => t.id) }, options, Comlink.proxy(setProgress));
      setDiagnostics(d);
      setLayer(d.find((x) => x.kind === 'matrix')?.name ?? null);
    } catch (e) {
      setError((e as Error).message);
      if (e instanceof EngineStoppedError) setInterrupted(true);
    } finally {
      setProgress(null);
    }
  };

  // The engine died mid-run: once a new one has the files again, run the same request again.
  useEffect(() => {
    if (ready && interrupted) void decompose();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready]);

  const recipe: Recipe | null = useMemo(() => {
    if (!base[0] || !tasks.length) return null;
    const terms = tasks.flatMap((t, task) => {
      const c = coeffs[t.id] ?? { shared: 1, unique: 1 };
      return [
        { task, part: 'shared' as const, coefficient: c.shared },
        { task, part: 'unique' as const, coefficient: c.unique },
      ];
    });
    const m = method === 'ties' ? { name: 'ties' as const, lambda, density: 0.2, election: 'mass' as const } : { name: method, lambda };
    return parseRecipe({ version: 1, models: { base: base[0].id, tasks: tasks.map((t) => t.id) }, decomposition: options, terms, method: m });
  }, [base, tasks, coeffs, method, lambda, options]);

  const matrices = (diagnostics ?? []).filter((d) => d.kind === 'matrix');
  const selected = matrices.find((d) => d.name === layer);

  return (
    <div className="space-y-8">
      <section className="grid gap-6 md:grid-cols-2">
        <CheckpointPicker label="Pre-trained checkpoint (θ₀)" multiple={false} loaded={base} onLoaded={setBase} testId="base-file" />
        <CheckpointPicker label="Fine-tuned checkpoints (θ₁ … θₖ)" multiple loaded={tasks} onLoaded={setTasks} testId="task-files" />
      </section>
      <DecomposeOptionsControls value={options} onChange={setOptions} />
      <div className="flex items-center gap-4">
        <button onClick={decompose} disabled={!ready || !base[0] || !tasks.length || !!progress} data-testid="decompose" className="rounded bg-blue-600 px-4 py-2 text-white disabled:opacity-50">
          Decompose
        </button>
        {progress && <ProgressBar progress={progress} label="decomposing tensors" onCancel={() => engine?.cancel()} />}
        {!base[0] && <span className="text-sm text-zinc-600 dark:text-zinc-400">Load a pre-trained checkpoint and at least one fine-tune (same tensor names and shapes).</span>}
      </div>
      {error && <ErrorPanel title="The decomposition stopped" message={error} />}
      {reloadError && <ErrorPanel title="Your files could not be loaded again" message={reloadError} />}
      {diagnostics && (
        <>
          <section className="space-y-2">
            <h2 className="text-xl font-semibold">Shared energy per layer</h2>
            <LayerEnergyChart layers={matrices} tasks={tasks.map((t) => t.file.replace(/\.safetensors$/, ''))} />
          </section>
          <section className="grid gap-6 lg:grid-cols-2">
            <div className="max-h-96 overflow-auto">
              <LayerTable rows={matrices} selected={layer} onSelect={setLayer} />
            </div>
            <div>
              <h3 className="font-semibold">Chained-projection eigenvalues: {selected?.name}</h3>
              {selected && <SpectrumChart eigenvalues={selected.eigenvalues} eta={options.eta} />}
            </div>
          </section>
          <section className="space-y-3">
            <h2 className="text-xl font-semibold">Build an edit</h2>
            <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
              {tasks.map((t) => {
                const c = coeffs[t.id] ?? { shared: 1, unique: 1 };
                return (
                  <div key={t.id} className="space-y-2 rounded border border-zinc-200 p-2 dark:border-zinc-800">
                    <p className="font-mono text-sm">{t.file}</p>
                    <Slider label="× shared" value={c.shared} min={-2} max={2} step={0.05} onChange={(shared) => setCoeffs({ ...coeffs, [t.id]: { ...c, shared } })} />
                    <Slider label="× unique" value={c.unique} min={-2} max={2} step={0.05} onChange={(unique) => setCoeffs({ ...coeffs, [t.id]: { ...c, unique } })} />
                  </div>
                );
              })}
            </div>
            <div className="flex flex-wrap items-end gap-4">
              <label className="flex flex-col gap-1 text-sm font-medium">
                Method
                <select value={method} onChange={(e) => setMethod(e.target.value as MethodName)} className="rounded border border-zinc-300 bg-transparent px-2 py-1 dark:border-zinc-600">
                  <option value="task_arithmetic">task arithmetic (θ₀ + λ Σ terms)</option>
                  <option value="negation">negation (θ₀ − λ Σ terms)</option>
                  <option value="ties">TIES (density 0.2)</option>
                </select>
              </label>
              <div className="w-64">
                <Slider label="λ" value={lambda} min={0} max={2} step={0.05} onChange={setLambda} />
              </div>
            </div>
            {recipe && <ExportPanel options={[{ id: 'edit', title: 'this edit', recipe }]} fileStem="lab" exportWeights={exportWeights} />}
          </section>
        </>
      )}
    </div>
  );
}
