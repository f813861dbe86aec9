'use client';
import { memo, useMemo } from 'react';
import { LayerEnergyChart } from '@/components/charts/layer-energy-chart';
import { SideChoiceList } from '@/components/charts/side-choice-list';
import { SweepChart } from '@/components/charts/sweep-chart';
import { DemoShell, type DemoView, type DemoViewProps } from '@/components/demo/demo-shell';
import { ErrorPanel } from '@/components/ui/error-panel';
import { ProgressBar } from '@/components/ui/progress-bar';
import { mergeDemo } from '@/lib/demos/merge/merge-demo';
import type { MergeEvaluation } from '@/lib/demos/merge/merge-runtime';
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

// A coefficient change re-renders the page while the worker scores it: the parts it cannot change
// (the layer chart, the sweep, the examples until their result comes) keep their render.
const LayerChart = memo(LayerEnergyChart);
const Sweep = memo(SweepChart);
const Examples = memo(ExamplesGrid);
const Table = memo(AccuracyTable);

function MergeBody({ state, info: tasks, update, simple, result, busy, error, progress, partials, cancel, action: sweep }: DemoViewProps<typeof mergeDemo>) {
  // While a changed coefficient is re-scored, the first estimate from a few images per task stands in.
  const estimate = busy ? (partials.estimate as MergeEvaluation | undefined) : undefined;
  const table = estimate ?? result?.table;
  const taskTitles = useMemo(() => Object.fromEntries(tasks.map((t) => [t.name, t.title])), [tasks]);
  const methodKey = JSON.stringify(mergeDemo.recipes(state).map((m) => [m.id, m.title]));
  const methods = useMemo(() => (JSON.parse(methodKey) as [string, string][]).map(([id, title]) => ({ id, title })), [methodKey]);
  const series = useMemo(() => SERIES.filter((s) => methods.some((m) => m.id === s.key)), [methods]);
  const layers = result?.layers;
  const layerRows = useMemo(() => (layers ?? []).filter((l) => l.kind === 'matrix').map((l) => ({ name: l.name, sharedDim: l.sharedDim, sharedEnergy: l.sharedEnergy, sideChoice: l.sideChoice })), [layers]);
  const taskKey = state.tasks.join(',');
  const chartTasks = useMemo(() => taskKey.split(','), [taskKey]);
  return (
    <>
      <div data-tour="tasks">
        <TaskPicker state={state} tasks={tasks} onChange={update} simple={simple} />
      </div>
      <MethodControls state={state} onChange={update} simple={simple} />
      <section className="space-y-2" data-tour="table">
        <div className="flex items-center gap-4">
          <h2 className="text-xl font-semibold">Accuracy</h2>
          {busy && progress && <ProgressBar progress={progress} label="evaluating" onCancel={cancel} />}
          {result && !busy && <span className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="eval-time">{(result.table.ms / 1000).toFixed(1)} s</span>}
        </div>
        {error && <ErrorPanel title="Evaluation failed" message={error} />}
        {table ? <Table rows={table.rows} taskTitles={taskTitles} /> : <p>Evaluating…</p>}
      </section>
      <section className="space-y-2" data-tour="sweep">
        <div className="flex items-center gap-4">
          <h2 className="text-xl font-semibold">λ sweep (validation split)</h2>
          {sweep.progress ? (
            <ProgressBar progress={sweep.progress} label="sweeping λ" onCancel={cancel} />
          ) : (
            <button onClick={() => void sweep.run('sweep')} className="rounded bg-blue-600 px-3 py-1 text-white" data-testid="run-sweep">
              Run sweep
            </button>
          )}
        </div>
        {sweep.error && <ErrorPanel title="The sweep stopped" message={sweep.error} />}
        {sweep.result && <Sweep points={sweep.result} series={series} />}
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Mean normalised accuracy on the validation images for each λ: tune here, read the test numbers above.</p>
      </section>
      <section className="space-y-2" data-tour="layers">
        <h2 className="text-xl font-semibold">How much of each task vector is shared, layer by layer</h2>
        <LayerChart layers={layerRows} tasks={chartTasks} />
        {layerRows.some((l) => l.sideChoice) && <SideChoiceList layers={layerRows} />}
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          s is the shared dimension of each weight matrix. Where s = 0 nothing is shared by all selected tasks at this η: the
          chained projection&apos;s eigenvalues shrink like products of k overlaps. Lower η or compute &quot;shared&quot; over fewer tasks.
        </p>
      </section>
      <section className="space-y-2">
        <h2 className="text-xl font-semibold">Test images and what each merge predicts</h2>
        {result && <Examples examples={result.examples} methods={methods} />}
      </section>
    </>
  );
}

const view: DemoView<typeof mergeDemo> = { Body: MergeBody, loading: 'loading models and test images', tour: mergeTour };

export default function MergePage() {
  return <DemoShell demo={mergeDemo} view={view} />;
}
