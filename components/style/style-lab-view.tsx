'use client';
import * as Comlink from 'comlink';
import { useMemo, useState } from 'react';
import { useEngine } from '@/components/engine/engine-provider';
import { ErrorPanel } from '@/components/ui/error-panel';
import { type Progress, ProgressBar } from '@/components/ui/progress-bar';
import { useDemoLoad } from '@/hooks/use-demo-load';
import { useLatest } from '@/hooks/use-latest';
import { useUrlState } from '@/hooks/use-url-state';
import type { StyleGeneration, StyleInfo, StylePanelResult } from '@/lib/style/style-lab';
import { defaultStyleState, STYLE_STATE_VERSION, type StyleState, styleStateSchema } from '@/lib/style/style-state';
import { SampleGrid } from './sample-grid';
import { MixControls, StylePicker } from './style-controls';
import { ShareToolbar } from '@/components/share/share-toolbar';
import { ExportPanel } from '@/components/share/export-panel';
import { PresetList } from '@/components/share/preset-list';
import { GuidedTour } from '@/components/tour/guided-tour';
import { useLessonMode } from '@/hooks/use-lesson-mode';
import { stylePanels } from '@/lib/style/style-recipes';
import { stylePresets } from '@/lib/style/style-presets';
import { styleTour } from './style-tour';

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

export default function StyleLabView() {
  const { engine, generation } = useEngine();
  const { value: info, progress: loadProgress, error: loadError } = useDemoLoad((e, onProgress) => e.styleLoad(onProgress));
  const [progress, setProgress] = useState<Progress | null>(null);
  const defaults = useMemo(() => (info ? { ...defaultStyleState(), steps: info.defaults.steps, guidance: info.defaults.guidance } : null), [info]);
  const { state, update, linkError, dismissLinkError } = useUrlState(styleStateSchema, STYLE_STATE_VERSION, defaults);
  const lesson = useLessonMode();


  const run = useLatest<StyleState, StyleGeneration>(state && info && engine ? state : null, `${JSON.stringify(state)}/${generation}/${info ? 1 : 0}`, async (s) => {
    const g = await engine!.styleGenerate(s, Comlink.proxy(setProgress));
    setProgress(null);
    return g;
  });

  if (loadError) return <ErrorPanel title="The style models could not be loaded" message={loadError} />;
  if (!info || !state) return loadProgress ? <ProgressBar progress={loadProgress} label="loading the denoiser" /> : <p>Starting…</p>;

  const result = run.result;
  const byId = (id: string) => result?.panels.find((p) => p.id === id);
  const naive = byId('naive'), unique = byId('unique_mix');
  const others = result?.panels.filter((p) => p.id !== 'naive' && p.id !== 'unique_mix') ?? [];

  return (
    <div className="space-y-8">
      {linkError && <ErrorPanel title="This link could not be opened as it was" message={linkError} action={{ label: 'Dismiss', run: dismissLinkError }} />}
      <ShareToolbar onTour={lesson.openTour}>
        <ExportPanel
          options={stylePanels(state).flatMap((p) => (p.recipe && (p.id === 'naive' || p.id === 'unique_mix') ? [{ id: p.id, title: p.title, recipe: p.recipe }] : []))}
          fileStem="style"
        />
      </ShareToolbar>
      {!lesson.simple && defaults && <PresetList presets={stylePresets} defaults={defaults} version={STYLE_STATE_VERSION} path="/style" />}
      <div data-tour="style-picker">
        <StylePicker state={state} info={info} onChange={update} />
      </div>
      <div data-tour="style-controls">
        <MixControls state={state} onChange={update} simple={lesson.simple} />
      </div>
      <section className="space-y-3" data-tour="style-grids">
        <div className="flex flex-wrap items-center gap-4">
          <h2 className="text-xl font-semibold">Naive sum versus unique-only mixing</h2>
          {run.busy && progress && <ProgressBar progress={progress} label="sampling" onCancel={() => engine?.styleCancel()} />}
          {result && !run.busy && (
            <span className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="generation-time">
              {(result.ms / 1000).toFixed(2)} s
            </span>
          )}
        </div>
        {run.error && <ErrorPanel title="Sampling failed" message={run.error} />}
        {naive && unique ? (
          <div className="flex flex-wrap gap-10">
            <Panel panel={naive} samples={state.samples} large />
            <Panel panel={unique} samples={state.samples} large />
          </div>
        ) : (
          <p>Sampling…</p>
        )}
        {result && (
          <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="shared-summary">
            Shared subspace over {state.styles.join(', ')}: non-empty in {result.shared.withShared} of {result.shared.matrices} weight matrices, holding on
            average {(100 * result.shared.meanSharedEnergy).toFixed(0)}% of their task-vector energy there.
          </p>
        )}
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
          ink redness; bold: share of ink pixels inside a stroke; night: background darkness; dashed: ink pieces per icon). Quality
          is the ink-map correlation with the ground-truth render of the same icon in the target styles (– when none was rendered,
          e.g. for three styles).
        </p>
      </section>
      <GuidedTour steps={styleTour} open={lesson.tourOpen} onClose={lesson.closeTour} />
    </div>
  );
}
