import type { Metadata } from 'next';
import { PageClient } from '@/components/demo/page-client';

export const metadata: Metadata = { title: 'Your models · Task Vector Lab' };

export default function LabPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Your own checkpoints</h1>
      <p className="max-w-3xl">
        Load a pre-trained checkpoint and fine-tunes of it as <code>.safetensors</code> files (F32, F16 or BF16). They stay in
        this tab: nothing is uploaded. The lab decomposes every weight matrix, shows where the task vectors share directions,
        and lets you build and download an edit.
      </p>
      <PageClient view="lab" />
    </div>
  );
}
