'use client';
import { ShareToolbar } from '@/components/share/share-toolbar';
import { GuidedTour } from '@/components/tour/guided-tour';
import { ErrorPanel } from '@/components/ui/error-panel';
import { useLessonMode } from '@/hooks/use-lesson-mode';
import { useUrlState } from '@/hooks/use-url-state';
import { defaultLearnState, LEARN_STATE_VERSION, learnStateSchema } from '@/lib/demos/learn/learn-state';
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
      <ShareToolbar onTour={lesson.openTour} />
      <ToyPanel state={state.toy} onChange={(toy) => update({ ...state, toy })} />
      <SyntheticPanel state={state.synthetic} onChange={(synthetic) => update({ ...state, synthetic })} simple={lesson.simple} />
      <GuidedTour steps={learnTour} open={lesson.tourOpen} onClose={lesson.closeTour} />
    </div>
  );
}
