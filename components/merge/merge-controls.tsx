'use client';
import { Slider } from '@/components/ui/slider';
import type { MergeTaskInfo } from '@/lib/demos/merge/merge-runtime';
import { type MergeState, mergeStateSchema } from '@/lib/demos/merge/merge-state';
import { sliderOf } from '@/lib/url-state/property-table';

const range = (path: string) => sliderOf(mergeStateSchema, path);

interface Props {
  state: MergeState;
  tasks: MergeTaskInfo[];
  onChange(next: MergeState): void;
  /** Lesson view: hide the advanced controls. */
  simple?: boolean;
}

const toggle = (list: string[], item: string) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

export function TaskPicker({ state, tasks, onChange, simple }: Props) {
  return (
    <fieldset className="space-y-2">
      <legend className="font-semibold">Tasks to merge ({state.tasks.length})</legend>
      <div className="flex flex-wrap gap-2">
        {tasks.map((t) => {
          const on = state.tasks.includes(t.name);
          return (
            <button
              key={t.name}
              aria-pressed={on}
              data-testid={`task-${t.name}`}
              title={`${t.title}: fine-tune ${(100 * t.finetune.test).toFixed(0)}%, base + head ${(100 * t.baseHead.test).toFixed(0)}% (test)`}
              disabled={on && state.tasks.length <= 2}
              onClick={() => {
                const next = tasks.map((x) => x.name).filter((n) => (n === t.name ? !on : state.tasks.includes(n)));
                onChange({ ...state, tasks: next, sharedOver: state.sharedOver.filter((n) => next.includes(n)) });
              }}
              className={`rounded px-3 py-1 text-sm ${on ? 'bg-blue-600 text-white' : 'border border-zinc-300 dark:border-zinc-600'} disabled:opacity-60`}
            >
              {t.title}
            </button>
          );
        })}
      </div>
      <details hidden={simple}>
        <summary className="cursor-pointer text-sm">Compute the shared subspace over a subset ({state.sharedOver.length >= 2 ? state.sharedOver.length : 'all'})</summary>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          With many tasks the strict intersection of all task subspaces is often empty (see the per-layer chart). Pick two or more
          tasks to define &quot;shared&quot;; every merged task is still split against it.
        </p>
        <div className="mt-1 flex flex-wrap gap-2">
          {state.tasks.map((n) => (
            <label key={n} className="flex items-center gap-1 text-sm">
              <input type="checkbox" checked={state.sharedOver.includes(n)} onChange={() => onChange({ ...state, sharedOver: toggle(state.sharedOver, n) })} />
              {n}
            </label>
          ))}
        </div>
      </details>
    </fieldset>
  );
}

export function MethodControls({ state, onChange, simple }: Omit<Props, 'tasks'>) {
  const lam = (key: keyof MergeState['lambda']) => (v: number) => onChange({ ...state, lambda: { ...state.lambda, [key]: v } });
  const set = <K extends keyof MergeState>(key: K) => (v: MergeState[K]) => onChange({ ...state, [key]: v });
  return (
    <div className="space-y-4">
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-tour="lambdas">
      <Slider {...range('lambda.task_arithmetic')} value={state.lambda.task_arithmetic} onChange={lam('task_arithmetic')} testId="lambda-task_arithmetic" />
      <Slider {...range('lambda.ties')} value={state.lambda.ties} onChange={lam('ties')} testId="lambda-ties" />
      <Slider {...range('lambda.ta_shared')} value={state.lambda.ta_shared} onChange={lam('ta_shared')} testId="lambda-ta_shared" />
      <Slider {...range('lambda.unique_shared')} value={state.lambda.unique_shared} onChange={lam('unique_shared')} />
      <Slider {...range('alpha')} value={state.alpha} onChange={set('alpha')} />
      <Slider {...range('gamma')} value={state.gamma} onChange={set('gamma')} />
    </div>
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-tour="advanced" hidden={simple}>
      <Slider {...range('density')} value={state.density} onChange={set('density')} />
      <Slider {...range('energy')} value={state.energy} onChange={set('energy')} />
      <Slider {...range('eta')} value={state.eta} onChange={set('eta')} />
      <label className="flex flex-col gap-1 text-sm font-medium">
        Side
        <select value={state.side} onChange={(e) => set('side')(e.target.value as MergeState['side'])} className="rounded border border-zinc-300 bg-transparent px-2 py-1 dark:border-zinc-600">
          <option value="left">left (output space)</option>
          <option value="right">right (input space)</option>
          <option value="auto">auto (per matrix, furthest above chance)</option>
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Control
        <select value={state.control} onChange={(e) => set('control')(e.target.value as MergeState['control'])} className="rounded border border-zinc-300 bg-transparent px-2 py-1 dark:border-zinc-600">
          <option value="none">none</option>
          <option value="top-singular">same-size top singular directions</option>
          <option value="random">same-size random subspace</option>
          <option value="energy-matched">energy-matched top singular directions</option>
        </select>
      </label>
      {state.control !== 'none' && (
        <label className="flex flex-col gap-1 text-sm font-medium">
          Control runs
          <select value={state.controlForm} onChange={(e) => set('controlForm')(e.target.value as MergeState['controlForm'])} className="rounded border border-zinc-300 bg-transparent px-2 py-1 dark:border-zinc-600">
            <option value="ta_shared">TA + shared</option>
            <option value="unique_shared">unique + shared once</option>
          </select>
        </label>
      )}
    </div>
    </div>
  );
}
