import type { ReactNode } from 'react';
import { ShareToolbar } from '@/components/share/share-toolbar';
import { GuidedTour, type TourStep } from '@/components/tour/guided-tour';
import { LinkErrorPanel } from './link-error-panel';

/** A guided tour and whether it is showing (state in hooks/use-lesson-mode). */
export interface FrameTour {
  steps: TourStep[];
  open: boolean;
  onOpen(): void;
  onClose(): void;
}

/**
 * The frame of every interactive page, whatever it loads: a link that could not be opened as
 * written, a notice, the share/export row, presets, the page's own body, and its guided tour.
 * The demos (demo-shell.tsx) and /lab both render it.
 */
export function PageFrame({ linkError, onDismissLinkError, notice, exports, presets, tour, children }: {
  linkError: string | null;
  onDismissLinkError(): void;
  notice?: ReactNode;
  /** The export panel, at the end of the share row. */
  exports?: ReactNode;
  presets?: ReactNode;
  tour?: FrameTour;
  children: ReactNode;
}) {
  return (
    <div className="space-y-8">
      <LinkErrorPanel message={linkError} onDismiss={onDismissLinkError} />
      {notice}
      <ShareToolbar onTour={tour?.onOpen}>{exports}</ShareToolbar>
      {presets}
      {children}
      {tour && <GuidedTour steps={tour.steps} open={tour.open} onClose={tour.onClose} />}
    </div>
  );
}
