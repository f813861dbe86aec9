import type { Metadata } from 'next';
import { PageClient } from '@/components/demo/page-client';

export const metadata: Metadata = { title: 'Merge · Task Vector Lab' };

export default function MergePage() {
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Merging eight image classifiers</h1>
      <p className="max-w-3xl">
        One tiny vision transformer was pre-trained on Cyrillic letters, then fine-tuned eight times: handwritten and printed
        digits, Latin and Greek capitals, icons, shapes, textures and symbols. Merge the fine-tunes into one encoder and see how
        each method keeps each task. Adding the tasks&apos; <strong>shared</strong> component as an extra task vector is the
        method&apos;s first claim; the table measures it on the shipped test images, in this tab.
      </p>
      <p className="max-w-3xl text-sm text-zinc-700 dark:text-zinc-300">
        What we measured with these models: over eight tasks every merge stays within half a point of the pre-trained encoder,
        and adding the shared component is no better than adding a same-size random or top-singular subspace (the controls).
        The claim is not reproduced at this scale; see the presets for settings where merging itself matters.
      </p>
      <PageClient view="merge" />
    </div>
  );
}
