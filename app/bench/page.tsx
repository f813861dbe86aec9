import type { Metadata } from 'next';
import { PageClient } from '@/components/demo/page-client';

export const metadata: Metadata = { title: 'Benchmark · Task Vector Lab' };

export default function BenchPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">How fast does your browser decompose a layer?</h1>
      <p className="max-w-3xl">
        Each row is one weight matrix of a GPT-2-small block with k synthetic task vectors (a rank-64 signal over a noise floor,
        plus four directions every task shares), split into shared and unique parts in the engine&apos;s Web Worker on the
        backend shown. It reports the time, how many times data came back from the backend (on a GPU each read waits for the
        device), which path found each task&apos;s subspace (randomized range finder or exact), and that shared + unique gives
        the task vector back. The first run of each shape includes compiling its GPU programs; run twice to see the warm time.
      </p>
      <PageClient view="bench" />
    </div>
  );
}
