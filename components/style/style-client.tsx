'use client';
import dynamic from 'next/dynamic';

const StyleLabView = dynamic(() => import('./style-lab-view'), { ssr: false, loading: () => <p>Loading the style lab…</p> });

export function StyleClient() {
  return <StyleLabView />;
}
