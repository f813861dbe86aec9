'use client';
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';

const COLOURS = ['#2563eb', '#f59e0b', '#10b981', '#db2777'];
type V3 = number[];

function project([x, y, z]: V3, yaw: number, pitch: number, scale: number, cx: number, cy: number): [number, number] {
  const x1 = x * Math.cos(yaw) - y * Math.sin(yaw);
  const y1 = x * Math.sin(yaw) + y * Math.cos(yaw);
  const z2 = y1 * Math.sin(pitch) + z * Math.cos(pitch); // depth is dropped: orthographic view
  return [cx + scale * x1, cy - scale * z2];
}

/**
 * Task subspaces in 3-D: planes as translucent squares, lines as segments, the shared
 * direction in bold. Drag to rotate, or focus and use the arrow keys.
 */
export function ToyCanvas({ taskBases, shared }: { taskBases: number[][][]; shared: number[][] }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [view, setView] = useState({ yaw: 0.7, pitch: 0.45 });
  const drag = useRef<{ x: number; y: number } | null>(null);

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const { width: w, height: h } = canvas;
    const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
    ctx.clearRect(0, 0, w, h);
    const P = (v: V3) => project(v, view.yaw, view.pitch, Math.min(w, h) * 0.32, w / 2, h / 2);
    const line = (a: V3, b: V3, colour: string, width: number) => {
      ctx.strokeStyle = colour;
      ctx.lineWidth = width;
      ctx.beginPath();
      ctx.moveTo(...P(a));
      ctx.lineTo(...P(b));
      ctx.stroke();
    };
    const axes = dark ? '#52525b' : '#d4d4d8';
    ['x', 'y', 'z'].forEach((name, i) => {
      const e = [0, 0, 0];
      e[i] = 1.4;
      line(e.map((v) => -v), e, axes, 1);
      ctx.fillStyle = axes;
      ctx.fillText(name, ...P(e));
    });
    taskBases.forEach((basis, t) => {
      const colour = COLOURS[t % COLOURS.length];
      if (basis.length >= 2) {
        const [a, b] = basis;
        const corner = (sa: number, sb: number) => a.map((v, i) => sa * v + sb * b[i]);
        ctx.fillStyle = colour + '33';
        ctx.strokeStyle = colour;
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        [corner(1, 1), corner(1, -1), corner(-1, -1), corner(-1, 1)].forEach((c, i) => (i ? ctx.lineTo(...P(c)) : ctx.moveTo(...P(c))));
        ctx.closePath();
        ctx.fill();
        ctx.stroke();
      } else if (basis.length === 1) {
        line(basis[0].map((v) => -1.2 * v), basis[0].map((v) => 1.2 * v), colour, 3);
      }
    });
    for (const z of shared) line(z.map((v) => -1.5 * v), z.map((v) => 1.5 * v), dark ? '#fafafa' : '#18181b', 5);
  }, [taskBases, shared, view]);

  const onPointerMove = (e: PointerEvent) => {
    if (!drag.current) return;
    const dx = e.clientX - drag.current.x;
    const dy = e.clientY - drag.current.y;
    drag.current = { x: e.clientX, y: e.clientY };
    setView((v) => ({ yaw: v.yaw + dx * 0.01, pitch: Math.max(-1.5, Math.min(1.5, v.pitch + dy * 0.01)) }));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const step = 0.1;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    setView((v) => ({ yaw: v.yaw + m[0], pitch: Math.max(-1.5, Math.min(1.5, v.pitch + m[1])) }));
  };

  return (
    <canvas
      ref={ref}
      width={420}
      height={320}
      tabIndex={0}
      data-testid="toy-canvas"
      aria-label="Task subspaces in three dimensions. Drag or use the arrow keys to rotate."
      className="w-full max-w-[420px] cursor-grab touch-none rounded border border-zinc-200 dark:border-zinc-800"
      onPointerDown={(e) => {
        drag.current = { x: e.clientX, y: e.clientY };
        (e.target as HTMLCanvasElement).setPointerCapture(e.pointerId);
      }}
      onPointerMove={onPointerMove}
      onPointerUp={() => (drag.current = null)}
      onKeyDown={onKeyDown}
    />
  );
}
