'use client';
import { CopyLinkButton } from '@/components/share/copy-link-button';
import { GuidedTour } from '@/components/tour/guided-tour';
import { ErrorPanel } from '@/components/ui/error-panel';
import { useLessonMode } from '@/hooks/use-lesson-mode';
import { useUrlState } from '@/hooks/use-url-state';
import { defaultLearnState, LEARN_STATE_VERSION, learnStateSchema } from '@/lib/learn/learn-state';
import { learnTour } from './learn-tour';
import { SyntheticPanel } from './synthetic-panel';
import { ToyPanel } from './toy-panel';

export default function LearnLab() {
  const { state, update, linkError, dismissLinkError } = useUrlState(learnStateSchema, LEARN_STATE_VERSION, defaultLearnState);
  const lesson = useLessonMode();
  if (!state) return <p>Loading…</p>;
  return (
    <div className="space-y-10">
      {linkError && <ErrorPanel title="This link could not be opened as it was" message={linkError} action={{ label: 'Dismiss', run: dismissLinkError }} />}
      <div className="flex flex-wrap gap-3">
        <CopyLinkButton />
        <button onClick={lesson.openTour} data-testid="start-tour" className="rounded border border-zinc-300 px-3 py-1 text-sm dark:border-zinc-600">
          Start the guided tour
        </button>
      </div>
      <ToyPanel state={state.toy} onChange={(toy) => update({ ...state, toy })} />
      <SyntheticPanel state={state.synthetic} onChange={(synthetic) => update({ ...state, synthetic })} simple={lesson.simple} />
      <GuidedTour steps={learnTour} open={lesson.tourOpen} onClose={lesson.closeTour} />
    </div>
  );
}
