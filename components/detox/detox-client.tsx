'use client';
import dynamic from 'next/dynamic';

const DetoxView = dynamic(() => import('./detox-view'), { ssr: false, loading: () => <p>Loading the detox lab…</p> });

export function DetoxClient() {
  return <DetoxView />;
}
