'use client';
import dynamic from 'next/dynamic';

const loading = () => <p>Loading…</p>;

/**
 * Each page's interactive part, rendered in the browser only (workers, canvases, the URL
 * fragment). One explicit entry per page: a new demo adds its view here.
 */
const views = {
  merge: dynamic(() => import('@/components/merge/merge-view'), { ssr: false, loading }),
  style: dynamic(() => import('@/components/style/style-view'), { ssr: false, loading }),
  detox: dynamic(() => import('@/components/detox/detox-view'), { ssr: false, loading }),
  lab: dynamic(() => import('@/components/lab/lab-view'), { ssr: false, loading }),
  learn: dynamic(() => import('@/components/learn/learn-lab'), { ssr: false, loading }),
  bench: dynamic(() => import('@/components/bench/bench-view'), { ssr: false, loading }),
};

export function PageClient({ view }: { view: keyof typeof views }) {
  const View = views[view];
  return <View />;
}
