'use client';
import type { ComponentType, ReactNode } from 'react';
import { useEngine } from '@/components/engine/engine-provider';
import { ExportPanel } from '@/components/share/export-panel';
import { PresetList } from '@/components/share/preset-list';
import type { TourStep } from '@/components/tour/guided-tour';
import { ErrorPanel } from '@/components/ui/error-panel';
import { ProgressBar } from '@/components/ui/progress-bar';
import { type DemoHandle, useDemo } from '@/hooks/use-demo';
import { useLessonMode } from '@/hooks/use-lesson-mode';
import type { AnyDemo, InfoOf, StateOf } from '@/lib/demo/contract';
import { LinkErrorPanel } from './link-error-panel';
import { PageFrame } from './page-frame';

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
 * The page every demo shares: loading its fixed models and its failure, then the common page
 * frame (link error, share/export row, presets, tour) around the result view. A demo brings
 * only its contract (lib/) and its view.
 */
export function DemoShell<C extends AnyDemo>({ demo, view }: { demo: C; view: DemoView<C> }) {
  const d = useDemo(demo, useEngine());
  const lesson = useLessonMode();
  if (d.loadError || !d.info || !d.state) {
    // A bad link says so at once, before the models are in.
    const waiting = d.loadError ? (
      <ErrorPanel title={`The ${demo.id} models could not be loaded`} message={d.loadError} />
    ) : d.loadProgress ? (
      <ProgressBar progress={d.loadProgress} label={view.loading} />
    ) : (
      <p>Starting…</p>
    );
    return (
      <div className="space-y-8">
        <LinkErrorPanel message={d.linkError} onDismiss={d.dismissLinkError} />
        {waiting}
      </div>
    );
  }
  const { Body } = view;
  return (
    <PageFrame
      linkError={d.linkError}
      onDismissLinkError={d.dismissLinkError}
      notice={view.notice}
      exports={<ExportPanel options={demo.exports(d.state)} fileStem={demo.id} exportWeights={d.exportWeights} />}
      presets={!lesson.simple && d.defaults && <PresetList presets={demo.presets} defaults={d.defaults} schema={demo.state.schema} version={demo.state.version} path={`/${demo.id}`} />}
      tour={{ steps: view.tour.filter((t) => !(lesson.simple && t.target === 'advanced')), open: lesson.tourOpen, onOpen: lesson.openTour, onClose: lesson.closeTour }}
    >
      <Body {...d} state={d.state} info={d.info} simple={lesson.simple} />
    </PageFrame>
  );
}
