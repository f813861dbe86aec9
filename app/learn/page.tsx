import type { Metadata } from 'next';
import { PageClient } from '@/components/demo/page-client';

export const metadata: Metadata = { title: 'Learn · Task Vector Lab' };

export default function LearnPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">How a task vector splits into shared and unique</h1>
      <p className="max-w-3xl">
        A task vector is fine-tuned weights minus pre-trained weights. For each layer, look at the directions in which each
        task&apos;s weight change mostly points (its subspace). Directions that lie in every task&apos;s subspace are{' '}
        <strong>shared</strong>; the rest of each task vector is <strong>unique</strong> to it. Everything below is computed live
        in your browser.
      </p>
      <PageClient view="learn" />
    </div>
  );
}
