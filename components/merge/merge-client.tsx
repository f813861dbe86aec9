'use client';
import dynamic from 'next/dynamic';

const MergeLabView = dynamic(() => import('./merge-lab-view'), { ssr: false, loading: () => <p>Loading the merge lab…</p> });

export function MergeClient() {
  return <MergeLabView />;
}
