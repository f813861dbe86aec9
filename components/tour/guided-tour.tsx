'use client';
import { useEffect, useRef, useState } from 'react';

export interface TourStep {
  /** Value of the data-tour attribute of the element the step points at. */
  target: string;
  title: string;
  body: string;
}

/**
 * A step-by-step lesson over a page: highlights one control per step and explains it.
 * Works with the keyboard alone: Next is focused, arrows move, Escape closes.
 */
export function GuidedTour({ steps, open, onClose }: { steps: TourStep[]; open: boolean; onClose(): void }) {
  const [i, setI] = useState(0);
  const next = useRef<HTMLButtonElement>(null);
  const step = steps[i];

  useEffect(() => {
    if (!open) return setI(0);
    const el = document.querySelector<HTMLElement>(`[data-tour="${step.target}"]`);
    el?.classList.add('tour-highlight');
    el?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    next.current?.focus();
    return () => el?.classList.remove('tour-highlight');
  }, [open, step]);

  if (!open) return null;
  const last = i === steps.length - 1;
  return (
    <div
      role="dialog"
      aria-modal="false"
      aria-labelledby="tour-title"
      data-testid="tour"
      className="fixed inset-x-2 bottom-2 z-50 mx-auto max-w-xl rounded-lg border border-blue-600 bg-white p-4 shadow-xl dark:bg-zinc-900"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
        if (e.key === 'ArrowRight' && !last) setI(i + 1);
        if (e.key === 'ArrowLeft' && i > 0) setI(i - 1);
      }}
    >
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Step {i + 1} of {steps.length}
      </p>
      <h2 id="tour-title" className="text-lg font-semibold">
        {step.title}
      </h2>
      <p className="mt-1">{step.body}</p>
      <div className="mt-3 flex justify-between">
        <button onClick={onClose} className="rounded px-3 py-1 text-sm underline">
          Close tour
        </button>
        <div className="flex gap-2">
          <button onClick={() => setI(i - 1)} disabled={i === 0} className="rounded border border-zinc-300 px-3 py-1 disabled:opacity-50 dark:border-zinc-600">
            Back
          </button>
          <button ref={next} onClick={() => (last ? onClose() : setI(i + 1))} data-testid="tour-next" className="rounded bg-blue-600 px-3 py-1 text-white">
            {last ? 'Done' : 'Next'}
          </button>
        </div>
      </div>
    </div>
  );
}
