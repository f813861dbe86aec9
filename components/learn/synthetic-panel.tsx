'use client';
import { EnergyChart } from '@/components/charts/energy-chart';
import { SpectrumChart } from '@/components/charts/spectrum-chart';
import { useEngine } from '@/components/engine/engine-provider';
import { Slider } from '@/components/ui/slider';
import { useSynthetic } from '@/hooks/use-learn';
import { type LearnState, learnStateSchema } from '@/lib/demos/learn/learn-state';
import { sliderOf } from '@/lib/url-state/property-table';

const range = (key: string) => sliderOf(learnStateSchema, `synthetic.${key}`);

export function SyntheticPanel({ state: p, onChange, simple }: { state: LearnState['synthetic']; onChange(next: LearnState['synthetic']): void; simple?: boolean }) {
  const link = useEngine();
  const set = (key: keyof typeof p) => (v: number) => onChange({ ...p, [key]: v });
  const maxShared = Math.max(0, Math.min(16, p.d - p.k * p.privateDim));
  const spec = { d: p.d, n: 64, k: p.k, sharedDim: Math.min(p.sharedDim, maxShared), privateDim: p.privateDim, noise: p.noise, seed: p.seed };
  const { result, error, busy } = useSynthetic(link, p, spec);
  const diag = result?.diagnostics;
  return (
    <section className="space-y-4" aria-labelledby="synthetic-title">
      <h2 id="synthetic-title" className="text-xl font-semibold">
        2. Task matrices with a planted answer
      </h2>
      <p>
        Here every task vector is a {spec.d} x 64 matrix built from {spec.sharedDim} directions all tasks share, {p.privateDim}{' '}
        directions of its own, and noise. The engine (in a Web Worker) finds each task&apos;s subspace, chains the projections,
        and keeps the directions whose eigenvalue reaches eta.
      </p>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-tour="synthetic-controls">
        <Slider {...range('d')} value={p.d} onChange={set('d')} testId="syn-d" />
        <Slider {...range('k')} value={p.k} onChange={set('k')} testId="syn-k" />
        <Slider {...range('sharedDim')} max={maxShared} value={spec.sharedDim} onChange={set('sharedDim')} testId="syn-shared" />
        <Slider {...range('noise')} value={p.noise} onChange={set('noise')} testId="syn-noise" />
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" hidden={simple} data-tour="synthetic-advanced">
        <Slider {...range('privateDim')} value={p.privateDim} onChange={set('privateDim')} />
        <Slider {...range('energy')} value={p.energy} onChange={set('energy')} />
        <Slider {...range('eta')} value={p.eta} onChange={set('eta')} testId="syn-eta" />
        <Slider {...range('seed')} value={p.seed} onChange={set('seed')} />
      </div>
      {error && <p role="alert" className="text-red-600">Error: {error}</p>}
      <div className="grid gap-6 lg:grid-cols-2">
        <div data-tour="spectrum">
          <h3 className="font-semibold">Eigenvalues of the chained projection</h3>
          <SpectrumChart eigenvalues={diag?.eigenvalues ?? []} eta={p.eta} />
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            A direction inside every task subspace has eigenvalue 1; the further it tilts out of any one of them, the smaller.
            Blue bars pass the threshold and become the shared subspace. More tasks or more noise push all bars down.
          </p>
        </div>
        <div data-tour="energy">
          <h3 className="font-semibold">Shared and unique energy per task</h3>
          <EnergyChart sharedEnergy={diag?.sharedEnergy ?? []} />
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Each task vector splits exactly into shared + unique; the bars show ||shared||² / ||task vector||².
          </p>
        </div>
      </div>
      <p data-testid="syn-readout" className="tabular-nums">
        {diag
          ? `Found ${diag.sharedDim} shared dimension${diag.sharedDim === 1 ? '' : 's'} (planted ${spec.sharedDim}); ranks ${diag.ranks.join(', ')}; ` +
            `largest angle to the planted subspace ${result!.anglesToTruthDeg.length ? Math.max(...result!.anglesToTruthDeg).toFixed(2) + '°' : '–'}; ` +
            `${result!.ms.toFixed(0)} ms in the worker${busy ? ' (updating…)' : ''}`
          : 'computing…'}
      </p>
    </section>
  );
}
