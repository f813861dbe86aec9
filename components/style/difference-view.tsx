'use client';
import { useMemo } from 'react';
import { differenceImages } from '@/lib/demos/style/difference-image';
import type { StylePanelResult } from '@/lib/demos/style/style-runtime';
import { SampleGrid } from './sample-grid';

const MAX_DELTA_E = 40;

function Figure({ title, note, images, count, testId }: { title: string; note?: string; images: Uint8Array; count: number; testId: string }) {
  return (
    <figure className="space-y-1">
      <figcaption className="text-sm font-semibold">{title}</figcaption>
      <SampleGrid images={images} count={count} scale={4} testId={testId} />
      {note && (
        <div className="text-xs tabular-nums text-zinc-600 dark:text-zinc-400" data-testid={`${testId}-note`}>
          {note}
        </div>
      )}
    </figure>
  );
}

/** The ground truth, and where each grid's colours differ from it, pixel by pixel. */
const times = (x: number | undefined) => (x === undefined ? '–' : `${(100 * x).toFixed(0)}%`);

export function DifferenceView({ naive, unique, truth, tint, samples }: { naive: StylePanelResult; unique: StylePanelResult; truth: Uint8Array | null; tint: Partial<Record<string, number>> | null; samples: number }) {
  const diffs = useMemo(() => (truth ? { naive: differenceImages(naive.images, truth, samples, MAX_DELTA_E), unique: differenceImages(unique.images, truth, samples, MAX_DELTA_E) } : null), [naive, unique, truth, samples]);
  if (!truth || !diffs) return <p className="text-sm">No ground truth is rendered for this combination.</p>;
  return (
    <div className="space-y-2" data-testid="difference-view">
      <div className="flex flex-wrap gap-8">
        <Figure title="Ground truth" note="paper tint 100% (once)" images={truth} count={samples} testId="grid-truth" />
        <Figure title="Naive sum vs truth" note={`mean ΔE ${diffs.naive.meanDeltaE.toFixed(2)} · paper tint ${times(tint?.naive)}`} images={diffs.naive.images} count={samples} testId="diff-naive" />
        <Figure title="Unique-only vs truth" note={`mean ΔE ${diffs.unique.meanDeltaE.toFixed(2)} · paper tint ${times(tint?.unique_mix)}`} images={diffs.unique.images} count={samples} testId="diff-unique_mix" />
      </div>
      <p className="max-w-3xl text-xs text-zinc-600 dark:text-zinc-400">
        Each pixel&apos;s CIE76 colour difference from the ground-truth render of the same icon: white is 0, dark red is {MAX_DELTA_E} or more. A
        background counted twice shows as a coloured field over the whole tile. Paper tint: how many times the samples carry the
        house change on the background pixels no stroke, badge or underline is near (100% = once, as the ground truth).
      </p>
    </div>
  );
}
