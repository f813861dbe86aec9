'use client';
import { EnergyChart } from '@/components/charts/energy-chart';
import { SpectrumChart } from '@/components/charts/spectrum-chart';
import { useEngine } from '@/components/engine/engine-provider';
import { Slider } from '@/components/ui/slider';
import { useLatest } from '@/hooks/use-latest';
import type { LearnState } from '@/lib/learn/learn-state';

export function SyntheticPanel({ state: p, onChange, simple }: { state: LearnState['synthetic']; onChange(next: LearnState['synthetic']): void; simple?: boolean }) {
  const { engine, generation } = useEngine();
  const set = (key: keyof typeof p) => (v: number) => onChange({ ...p, [key]: v });
  const maxShared = Math.max(0, Math.min(16, p.d - p.k * p.privateDim));
  const spec = { d: p.d, n: 64, k: p.k, sharedDim: Math.min(p.sharedDim, maxShared), privateDim: p.privateDim, noise: p.noise, seed: p.seed };
  const { result, error, busy } = useLatest(engine ? p : null, `${JSON.stringify(p)}/${generation}/${engine ? 1 : 0}`, () =>
    engine!.synthetic(spec, { eta: p.eta, energy: p.energy }),
  );
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
        <Slider label="Dimension d" value={p.d} min={64} max={256} step={32} onChange={set('d')} testId="syn-d" />
        <Slider label="Tasks k" value={p.k} min={2} max={4} step={1} onChange={set('k')} testId="syn-k" />
        <Slider label="Planted shared dimension" value={spec.sharedDim} min={0} max={maxShared} step={1} onChange={set('sharedDim')} testId="syn-shared" />
        <Slider label="Noise" value={p.noise} min={0} max={1} step={0.05} onChange={set('noise')} testId="syn-noise" />
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" hidden={simple} data-tour="synthetic-advanced">
        <Slider label="Private dimensions per task" value={p.privateDim} min={1} max={12} step={1} onChange={set('privateDim')} />
        <Slider label="Energy kept per task (rho)" value={p.energy} min={0.5} max={1} step={0.01} onChange={set('energy')} />
        <Slider label="Threshold eta" value={p.eta} min={0.5} max={1} step={0.01} onChange={set('eta')} testId="syn-eta" />
        <Slider label="Seed" value={p.seed} min={1} max={20} step={1} onChange={set('seed')} />
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
