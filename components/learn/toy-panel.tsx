'use client';
import { useEngine } from '@/components/engine/engine-provider';
import { Slider } from '@/components/ui/slider';
import { useToy } from '@/hooks/use-learn';
import { type LearnState, learnStateSchema } from '@/lib/demos/learn/learn-state';
import { sliderOf } from '@/lib/url-state/property-table';
import { ToyCanvas } from './toy-canvas';

export function ToyPanel({ state, onChange }: { state: LearnState['toy']; onChange(next: LearnState['toy']): void }) {
  const { k, spread, eta } = state;
  const setK = (v: number) => onChange({ ...state, k: v });
  const setSpread = (v: number) => onChange({ ...state, spread: v });
  const setEta = (v: number) => onChange({ ...state, eta: v });
  const { result, error } = useToy(useEngine(), state);
  const top = result?.eigenvalues[0];
  return (
    <section className="grid gap-4 md:grid-cols-[auto_1fr]" aria-labelledby="toy-title" data-tour="toy">
      <ToyCanvas taskBases={result?.taskBases ?? []} shared={result?.shared ?? []} />
      <div className="space-y-4">
        <h2 id="toy-title" className="text-xl font-semibold">
          1. Subspaces you can turn around
        </h2>
        <p>
          Each coloured square is the subspace one task&apos;s weight change lives in (its top singular directions). The bold
          line is the <strong>shared</strong> direction: one that every task&apos;s projection leaves (almost) unchanged.
        </p>
        <div className="flex gap-2" role="group" aria-label="Number of tasks">
          {[2, 3].map((n) => (
            <button
              key={n}
              onClick={() => setK(n)}
              aria-pressed={k === n}
              className={`rounded px-3 py-1 ${k === n ? 'bg-blue-600 text-white' : 'border border-zinc-300 dark:border-zinc-600'}`}
            >
              {n} tasks
            </button>
          ))}
        </div>
        <Slider {...sliderOf(learnStateSchema, 'toy.spread')} value={spread} format={(v) => `${v}°`} onChange={setSpread} testId="toy-spread" />
        <Slider {...sliderOf(learnStateSchema, 'toy.eta')} value={eta} onChange={setEta} />
        <p data-testid="toy-readout" className="text-sm">
          {error
            ? `Error: ${error}`
            : result
              ? `Largest eigenvalue of the chained projection: ${top?.toFixed(3) ?? 'none'} → ${result.shared.length ? 'a shared direction (bold line).' : `below eta ${eta}: nothing is shared.`}`
              : 'computing…'}
        </p>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          With 2 tasks, two planes in 3-D always cross in a line, so something is always shared. With 3 tasks the planes share a
          line only while they drift little: the chained projection&apos;s largest eigenvalue falls as the spread grows, and once
          it drops below eta the shared part is empty.
        </p>
      </div>
    </section>
  );
}
