'use client';
import { DemoShell, type DemoView, type DemoViewProps } from '@/components/demo/demo-shell';
import { ErrorPanel } from '@/components/ui/error-panel';
import { ProgressBar } from '@/components/ui/progress-bar';
import { styleDemo } from '@/lib/demos/style/style-demo';
import type { StylePanelResult } from '@/lib/demos/style/style-runtime';
import { SampleGrid } from './sample-grid';
import { MixControls, StylePicker } from './style-controls';
import { styleTour } from './style-tour';
import { DifferenceView } from './difference-view';
import { PairDetails } from './pair-details';
import { StyleEvidence } from './style-evidence';

function Panel({ panel, samples, large }: { panel: StylePanelResult; samples: number; large?: boolean }) {
  return (
    <figure className="space-y-1" data-testid={`panel-${panel.id}`}>
      <figcaption>
        <div className="font-semibold">{panel.title}</div>
        <div className="text-xs text-zinc-600 dark:text-zinc-400">{panel.formula}</div>
      </figcaption>
      <SampleGrid images={panel.images} count={samples} scale={large ? 6 : 3} testId={`grid-${panel.id}`} />
      <dl className="grid grid-cols-2 gap-x-3 text-xs tabular-nums" data-testid={`scores-${panel.id}`}>
        {Object.entries(panel.scores).map(([s, v]) => (
          <div key={s} className="contents">
            <dt>{s}</dt>
            <dd>{v!.toFixed(2)}</dd>
          </div>
        ))}
        <dt>quality</dt>
        <dd>{panel.quality === null ? '–' : panel.quality.toFixed(2)}</dd>
      </dl>
    </figure>
  );
}

function StyleBody({ state, info, update, simple, result, busy, error, progress, cancel }: DemoViewProps<typeof styleDemo>) {
  const byId = (id: string) => result?.panels.find((p) => p.id === id);
  const naive = byId('naive'), unique = byId('unique_mix');
  const others = result?.panels.filter((p) => p.id !== 'naive' && p.id !== 'unique_mix') ?? [];

  return (
    <>
      <StyleEvidence />
      <div data-tour="style-picker">
        <StylePicker state={state} info={info} onChange={update} />
      </div>
      <div data-tour="style-controls">
        <MixControls state={state} onChange={update} simple={simple} />
      </div>
      <section className="space-y-3" data-tour="style-grids">
        <div className="flex flex-wrap items-center gap-4">
          <h2 className="text-xl font-semibold">Naive sum versus unique-only mixing</h2>
          {busy && progress && <ProgressBar progress={progress} label="sampling" onCancel={cancel} />}
          {result && !busy && (
            <span className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="generation-time">
              {(result.ms / 1000).toFixed(2)} s
            </span>
          )}
        </div>
        {error && <ErrorPanel title="Sampling failed" message={error} />}
        {naive && unique ? (
          <div className="flex flex-wrap gap-10">
            <Panel panel={naive} samples={state.samples} large />
            <Panel panel={unique} samples={state.samples} large />
          </div>
        ) : (
          <p>Sampling…</p>
        )}
        {naive && unique && (
          <DifferenceView naive={naive} unique={unique} truth={result?.truth ?? null} tint={result?.tint ?? null} samples={state.samples} />
        )}
        {result && (
          <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="shared-summary">
            Shared subspace over {state.styles.join(', ')}: non-empty in {result.shared.withShared} of {result.shared.matrices} weight matrices; it holds{' '}
            {(100 * result.shared.pooledSharedEnergy).toFixed(0)}% of the task vectors&apos; energy, pooled over all {result.shared.matrices} matrices.
          </p>
        )}
      </section>
      <section className="space-y-3">
        <h2 className="text-xl font-semibold">This pair in the evaluation</h2>
        <PairDetails styles={state.styles} />
      </section>
      <section className="space-y-3" data-tour="style-singles">
        <h2 className="text-xl font-semibold">The base and each style alone</h2>
        <div className="flex flex-wrap gap-8">
          {others.map((p) => (
            <Panel key={p.id} panel={p} samples={state.samples} />
          ))}
        </div>
        <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Scores are pixel statistics calibrated per style: 0 = plain training renders, 1 = that style&apos;s training renders (red:
          median redness of the ink; badge: blueness of the badge&apos;s core; underline: ink along pixel row 14). Quality is the
          ink-map correlation with the ground-truth render of the same icon in the target styles (– when none was rendered, e.g.
          for three styles).
        </p>
      </section>
    </>
  );
}

const view: DemoView<typeof styleDemo> = { Body: StyleBody, loading: 'loading the denoiser', tour: styleTour };

export default function StylePage() {
  return <DemoShell demo={styleDemo} view={view} />;
}
