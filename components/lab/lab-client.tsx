'use client';
import dynamic from 'next/dynamic';

const LabView = dynamic(() => import('./lab-view'), { ssr: false, loading: () => <p>Loading…</p> });

export function LabClient() {
  return <LabView />;
}
