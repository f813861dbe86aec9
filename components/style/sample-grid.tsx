'use client';
import { useEffect, useRef } from 'react';

const SIDE = 16;

/** RGB samples drawn on one canvas, each pixel upscaled without smoothing. */
export function SampleGrid({ images, count, columns = 4, scale = 4, testId }: { images: Uint8Array; count: number; columns?: number; scale?: number; testId?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const rows = Math.ceil(count / columns), gap = 1;
  const width = columns * (SIDE + gap) - gap, height = rows * (SIDE + gap) - gap;

  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(width, height);
    img.data.fill(255);
    for (let k = 0; k < count; k++) {
      const ox = (k % columns) * (SIDE + gap), oy = Math.floor(k / columns) * (SIDE + gap);
      for (let y = 0; y < SIDE; y++)
        for (let x = 0; x < SIDE; x++) {
          const s = k * SIDE * SIDE * 3 + (y * SIDE + x) * 3, d = ((oy + y) * width + ox + x) * 4;
          img.data[d] = images[s];
          img.data[d + 1] = images[s + 1];
          img.data[d + 2] = images[s + 2];
        }
    }
    ctx.putImageData(img, 0, 0);
  }, [images, count, columns, width, height]);

  // At most the width of its box: on a phone the grid shrinks, keeping its shape.
  return (
    <canvas
      ref={ref}
      width={width}
      height={height}
      data-testid={testId}
      className="border border-zinc-300 dark:border-zinc-700"
      style={{ width: width * scale, maxWidth: '100%', height: 'auto', imageRendering: 'pixelated' }}
    />
  );
}
