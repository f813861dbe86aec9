'use client';
import type { ComponentType, ReactNode } from 'react';
import { useEngine } from '@/components/engine/engine-provider';
import { ExportPanel } from '@/components/share/export-panel';
import { PresetList } from '@/components/share/preset-list';
import { ShareToolbar } from '@/components/share/share-toolbar';
import { GuidedTour, type TourStep } from '@/components/tour/guided-tour';
import { ErrorPanel } from '@/components/ui/error-panel';
import { ProgressBar } from '@/components/ui/progress-bar';
import { type DemoHandle, useDemo } from '@/hooks/use-demo';
import { useLessonMode } from '@/hooks/use-lesson-mode';
import type { AnyDemo, InfoOf, StateOf } from '@/lib/demo/contract';

/** What a result view gets: the demo's whole handle with the loaded info and a state, plus the lesson view flag. */
export type DemoViewProps<C extends AnyDemo> = Omit<DemoHandle<C>, 'state' | 'info'> & { state: StateOf<C>; info: InfoOf<C>; simple: boolean };

/** A demo's own part of its page: the result view and the words around it. */
export interface DemoView<C extends AnyDemo> {
  Body: ComponentType<DemoViewProps<C>>;
  /** Shown above the toolbar (e.g. a content note). */
  notice?: ReactNode;
  /** Label of the progress bar while the models load ("loading the denoiser"). */
  loading: string;
  tour: TourStep[];
}

/**
 * The page every demo shares: loading and its failure, a link that could not be opened, the
 * share/export toolbar, presets, the result view, and the guided tour. A demo brings only its
 * contract (lib/) and its view.
 */
export function DemoShell<C extends AnyDemo>({ demo, view }: { demo: C; view: DemoView<C> }) {
  const d = useDemo(demo, useEngine());
  const lesson = useLessonMode();
  if (d.loadError) return <ErrorPanel title={`The ${demo.id} models could not be loaded`} message={d.loadError} />;
  if (!d.info || !d.state) return d.loadProgress ? <ProgressBar progress={d.loadProgress} label={view.loading} /> : <p>Starting…</p>;
  const { Body } = view;
  return (
    <div className="space-y-8">
      {d.linkError && <ErrorPanel title="This link could not be opened as it was" message={d.linkError} action={{ label: 'Dismiss', run: d.dismissLinkError }} />}
      {view.notice}
      <ShareToolbar onTour={lesson.openTour}>
        <ExportPanel options={demo.exports(d.state)} fileStem={demo.id} exportWeights={d.exportWeights} />
      </ShareToolbar>
      {!lesson.simple && d.defaults && <PresetList presets={demo.presets} defaults={d.defaults} schema={demo.state.schema} version={demo.state.version} path={`/${demo.id}`} />}
      <Body {...d} state={d.state} info={d.info} simple={lesson.simple} />
      <GuidedTour steps={view.tour.filter((t) => !(lesson.simple && t.target === 'advanced'))} open={lesson.tourOpen} onClose={lesson.closeTour} />
    </div>
  );
}
