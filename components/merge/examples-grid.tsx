'use client';
import { useEffect, useRef } from 'react';
import type { MergeExample } from '@/lib/demos/merge/merge-runtime';

function Digit({ pixels }: { pixels: Uint8Array }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(28, 28);
    pixels.forEach((v, i) => img.data.set([v, v, v, 255], i * 4));
    ctx.putImageData(img, 0, 0);
  }, [pixels]);
  return <canvas ref={ref} width={28} height={28} className="h-14 w-14 [image-rendering:pixelated]" />;
}

export function ExamplesGrid({ examples, methods }: { examples: MergeExample[]; methods: { id: string; title: string }[] }) {
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-8" data-testid="examples-grid">
      {examples.map((e, i) => (
        <figure key={i} className="rounded border border-zinc-200 p-2 text-xs dark:border-zinc-800">
          <Digit pixels={e.image} />
          <figcaption>
            <div className="font-semibold">
              {e.task}: {e.label}
            </div>
            {methods.map((m) => (
              <div key={m.id} className={e.predictions[m.id] === e.label ? 'text-emerald-600' : 'text-red-600'} title={m.title}>
                {m.title.split(' ')[0]}
                {m.id === 'ta_shared' ? '+S' : m.id === 'unique_shared' ? ' U+S' : ''}: {e.predictions[m.id]}
              </div>
            ))}
          </figcaption>
        </figure>
      ))}
    </div>
  );
}
