import type { Metadata } from 'next';
import { PageClient } from '@/components/demo/page-client';
import { MergeEvidence, MergeVerdict } from '@/components/merge/merge-evidence';

export const metadata: Metadata = { title: 'Merge · Task Vector Lab' };

export default function MergePage() {
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Merging eight image classifiers</h1>
      <p className="max-w-3xl">
        One tiny vision transformer, fine-tuned eight times (digits, letters, symbols, icons, shapes, textures), every task seen
        through one acquisition shift the pre-training never saw, so all eight fine-tunes share a part. Merge them into one encoder
        and see how each method keeps each task; adding the tasks&apos; <strong>shared</strong> component is the method&apos;s claim.
      </p>
      <MergeVerdict />
      <p className="max-w-3xl text-sm text-zinc-700 dark:text-zinc-300">
        The lab scores merges live on the first 200 validation and test images per task shipped with the page; the evaluation
        used up to 1,000 test images per task, so its numbers differ from the live table.
      </p>
      <PageClient view="merge" />
      <MergeEvidence />
    </div>
  );
}
