import type { ReactNode } from 'react';
import { CopyLinkButton } from './copy-link-button';

/** The row every demo opens with: share the state, start the lesson (if the page has one), and (children) export. */
export function ShareToolbar({ onTour, children }: { onTour?(): void; children?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <CopyLinkButton />
      {onTour && (
        <button onClick={onTour} data-testid="start-tour" className="rounded border border-zinc-300 px-3 py-1 text-sm dark:border-zinc-600">
          Start the guided tour
        </button>
      )}
      {children}
    </div>
  );
}
