/** Node-only: procedural filled shapes (ring is the only outline) with random size, position, rotation, shade. */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { drawGray } from './canvas-gray';
import { type Rng, uniform } from '../../lib/util/random';

export const SHAPE_CLASSES = ['circle', 'square', 'triangle', 'star', 'plus', 'ring', 'diamond', 'hexagon', 'crescent', 'bar'];

function polygon(g: SKRSContext2D, pts: [number, number][]) {
  g.beginPath();
  pts.forEach(([x, y], i) => (i ? g.lineTo(x, y) : g.moveTo(x, y)));
  g.closePath();
  g.fill();
}

const regular = (n: number, r: number, phase = -Math.PI / 2): [number, number][] =>
  Array.from({ length: n }, (_, i) => [r * Math.cos(phase + (2 * Math.PI * i) / n), r * Math.sin(phase + (2 * Math.PI * i) / n)]);

export function drawShape(rng: Rng, cls: number): Uint8Array {
  const r = uniform(rng, 6, 11);
  const cx = 14 + uniform(rng, -13 + r, 13 - r), cy = 14 + uniform(rng, -13 + r, 13 - r);
  const angle = uniform(rng, -0.5, 0.5);
  const shade = Math.round(uniform(rng, 150, 255));
  return drawGray((g) => {
    g.translate(cx, cy);
    g.rotate(angle);
    g.fillStyle = g.strokeStyle = `rgb(${shade},${shade},${shade})`;
    switch (SHAPE_CLASSES[cls]) {
      case 'circle': g.beginPath(); g.arc(0, 0, r, 0, 2 * Math.PI); g.fill(); break;
      case 'square': polygon(g, regular(4, r * 1.15, Math.PI / 4)); break;
      case 'triangle': polygon(g, regular(3, r * 1.15)); break;
      case 'star': polygon(g, regular(10, r).map(([x, y], i) => (i % 2 ? [x * 0.45, y * 0.45] : [x, y]))); break;
      case 'plus': { const w = r * 0.35; g.fillRect(-r, -w, 2 * r, 2 * w); g.fillRect(-w, -r, 2 * w, 2 * r); break; }
      case 'ring': g.lineWidth = uniform(rng, 1.5, 3); g.beginPath(); g.arc(0, 0, r - 1, 0, 2 * Math.PI); g.stroke(); break;
      case 'diamond': polygon(g, regular(4, r * 1.15).map(([x, y]) => [x * 0.65, y])); break;
      case 'hexagon': polygon(g, regular(6, r)); break;
      case 'crescent':
        g.beginPath(); g.arc(0, 0, r, 0, 2 * Math.PI); g.fill();
        g.globalCompositeOperation = 'destination-out';
        g.beginPath(); g.arc(r * 0.55, -r * 0.2, r * 0.85, 0, 2 * Math.PI); g.fill();
        g.globalCompositeOperation = 'source-over';
        break;
      case 'bar': { const w = r * uniform(rng, 0.2, 0.3); g.rotate(uniform(rng, 0, Math.PI)); g.fillRect(-r * 1.2, -w, 2.4 * r, 2 * w); break; }
    }
  });
}
