'use client';
import dynamic from 'next/dynamic';

/** The lab touches workers and canvases: render it in the browser only. */
const LearnLab = dynamic(() => import('./learn-lab'), { ssr: false, loading: () => <p>Loading the lab…</p> });

export function LearnClient() {
  return <LearnLab />;
}
