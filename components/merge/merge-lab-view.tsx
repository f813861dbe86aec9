'use client';
import * as Comlink from 'comlink';
import { useCallback, useMemo, useState } from 'react';
import { LayerEnergyChart } from '@/components/charts/layer-energy-chart';
import { SweepChart } from '@/components/charts/sweep-chart';
import { useEngine } from '@/components/engine/engine-provider';
import { ErrorPanel } from '@/components/ui/error-panel';
import { type Progress, ProgressBar } from '@/components/ui/progress-bar';
import { useDemoLoad } from '@/hooks/use-demo-load';
import { useLatest } from '@/hooks/use-latest';
import { useUrlState } from '@/hooks/use-url-state';
import type { MergeTaskInfo, SweepPoint } from '@/lib/merge/merge-lab';
import { mergeMethods } from '@/lib/merge/merge-recipes';
import { defaultMergeState, MERGE_STATE_VERSION, type MergeState, mergeStateSchema } from '@/lib/merge/merge-state';
import { ShareToolbar } from '@/components/share/share-toolbar';
import { ExportPanel } from '@/components/share/export-panel';
import { PresetList } from '@/components/share/preset-list';
import { GuidedTour } from '@/components/tour/guided-tour';
import { useLessonMode } from '@/hooks/use-lesson-mode';
import { mergePresets } from '@/lib/merge/merge-presets';
import { AccuracyTable } from './accuracy-table';
import { ExamplesGrid } from './examples-grid';
import { MethodControls, TaskPicker } from './merge-controls';
import { mergeTour } from './merge-tour';

const SERIES = [
  { key: 'task_arithmetic', label: 'Task arithmetic', colour: '#71717a' },
  { key: 'ties', label: 'TIES', colour: '#f59e0b' },
  { key: 'ta_shared', label: 'TA + shared', colour: '#2563eb' },
  { key: 'unique_shared', label: 'Unique + shared once', colour: '#10b981' },
  { key: 'control', label: 'Control', colour: '#db2777' },
];
const LAMBDAS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1];

export default function MergeLabView() {
  const { engine, generation } = useEngine();
  const { value: tasks, progress: loadProgress, error: loadError } = useDemoLoad((e, onProgress) => e.mergeLoad(onProgress));
  const defaults = useMemo(() => (tasks ? defaultMergeState(tasks.map((t) => t.name)) : null), [tasks]);
  const { state, update, linkError, dismissLinkError } = useUrlState(mergeStateSchema, MERGE_STATE_VERSION, defaults);
  const [evalProgress, setEvalProgress] = useState<Progress | null>(null);
  const [sweep, setSweep] = useState<SweepPoint[] | null>(null);
  const [sweepProgress, setSweepProgress] = useState<Progress | null>(null);
  const [sweepError, setSweepError] = useState<string | null>(null);
  const lesson = useLessonMode();


  // A link may name tasks this build does not ship: keep the known ones, or fall back.
  const valid = state && tasks && state.tasks.every((t) => tasks.some((x) => x.name === t)) ? state : state && defaults ? defaults : null;

  const evaluation = useLatest(valid && engine ? valid : null, `${JSON.stringify(valid)}/${generation}/${engine ? 1 : 0}`, async (s: MergeState) => {
    const [table, layers, examples] = [
      await engine!.mergeEvaluate(s, 'test', Comlink.proxy(setEvalProgress)),
      await engine!.mergeLayers(s),
      await engine!.mergeExamples(s),
    ];
    setEvalProgress(null);
    return { table, layers, examples };
  });

  const runSweep = useCallback(async () => {
    if (!engine || !valid) return;
    setSweepError(null);
    setSweep(null);
    try {
      setSweep(await engine.mergeSweep(valid, LAMBDAS, Comlink.proxy(setSweepProgress)));
    } catch (e) {
      setSweepError((e as Error).message);
    } finally {
      setSweepProgress(null);
    }
  }, [engine, valid]);

  if (loadError) return <ErrorPanel title="The merge models could not be loaded" message={loadError} />;
  if (!tasks || !valid) return loadProgress ? <ProgressBar progress={loadProgress} label="loading models and test images" /> : <p>Starting…</p>;

  const taskTitles = Object.fromEntries(tasks.map((t) => [t.name, t.title]));
  const recipes = mergeMethods(valid);
  const methods = recipes.map((m) => ({ id: m.id, title: m.title }));
  const result = evaluation.result;
  const layerRows = (result?.layers ?? []).filter((l) => l.kind === 'matrix').map((l) => ({ name: l.name, sharedDim: l.sharedDim, sharedEnergy: l.sharedEnergy }));

  return (
    <div className="space-y-8">
      {linkError && <ErrorPanel title="This link could not be opened as it was" message={linkError} action={{ label: 'Dismiss', run: dismissLinkError }} />}
      <ShareToolbar onTour={lesson.openTour}>
        <ExportPanel options={recipes} fileStem="merge" />
      </ShareToolbar>
      {!lesson.simple && defaults && <PresetList presets={mergePresets} defaults={defaults} version={MERGE_STATE_VERSION} path="/merge" />}
      <div data-tour="tasks">
        <TaskPicker state={valid} tasks={tasks} onChange={update} simple={lesson.simple} />
      </div>
      <MethodControls state={valid} onChange={update} simple={lesson.simple} />
      <section className="space-y-2" data-tour="table">
        <div className="flex items-center gap-4">
          <h2 className="text-xl font-semibold">Accuracy</h2>
          {evaluation.busy && evalProgress && <ProgressBar progress={evalProgress} label="evaluating" onCancel={() => engine?.mergeCancel()} />}
          {result && !evaluation.busy && <span className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="eval-time">{(result.table.ms / 1000).toFixed(1)} s</span>}
        </div>
        {evaluation.error && <ErrorPanel title="Evaluation failed" message={evaluation.error} />}
        {result ? <AccuracyTable rows={result.table.rows} taskTitles={taskTitles} /> : <p>Evaluating…</p>}
      </section>
      <section className="space-y-2" data-tour="sweep">
        <div className="flex items-center gap-4">
          <h2 className="text-xl font-semibold">λ sweep (validation split)</h2>
          {sweepProgress ? (
            <ProgressBar progress={sweepProgress} label="sweeping λ" onCancel={() => engine?.mergeCancel()} />
          ) : (
            <button onClick={runSweep} className="rounded bg-blue-600 px-3 py-1 text-white" data-testid="run-sweep">
              Run sweep
            </button>
          )}
        </div>
        {sweepError && <ErrorPanel title="The sweep stopped" message={sweepError} />}
        {sweep && <SweepChart points={sweep} series={SERIES.filter((s) => methods.some((m) => m.id === s.key))} />}
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Mean normalised accuracy on the validation images for each λ: tune here, read the test numbers above.</p>
      </section>
      <section className="space-y-2" data-tour="layers">
        <h2 className="text-xl font-semibold">How much of each task vector is shared, layer by layer</h2>
        <LayerEnergyChart layers={layerRows} tasks={valid.tasks} />
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          s is the shared dimension of each weight matrix. Where s = 0 nothing is shared by all selected tasks at this η: the
          chained projection&apos;s eigenvalues shrink like products of k overlaps. Lower η or compute &quot;shared&quot; over fewer tasks.
        </p>
      </section>
      <section className="space-y-2">
        <h2 className="text-xl font-semibold">Test images and what each merge predicts</h2>
        {result && <ExamplesGrid examples={result.examples} methods={methods} />}
      </section>
      <GuidedTour steps={mergeTour.filter((t) => !(lesson.simple && t.target === 'advanced'))} open={lesson.tourOpen} onClose={lesson.closeTour} />
    </div>
  );
}
