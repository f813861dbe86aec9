/** Node-only: renders one icon at 16x16 RGB with resvg, with style attributes and a small jitter. */
import { Resvg } from '@resvg/resvg-js';
import { attrsFor, type StyleName } from '../../lib/demos/style/dataset/styles';
import { iconSvg } from './icons';

import { SIDE } from '../../lib/demos/style/dataset/dataset';
export { SIDE };
export const CHANNELS = 3;
export const IMAGE_BYTES = SIDE * SIDE * CHANNELS;

export interface Jitter {
  /** Offset in viewBox units (1.5 units = 1 px). */
  dx: number;
  dy: number;
  /** Multiplies the stroke width. */
  stroke: number;
}
export const NO_JITTER: Jitter = { dx: 0, dy: 0, stroke: 1 };

/**
 * The icon is jittered; the badge (top right) and the underline (pixel row 14) sit at fixed places,
 * so a fine-tune can learn them as positions. The house change is the background fill alone.
 */
export function styledSvg(name: string, styles: readonly StyleName[], j: Jitter = NO_JITTER, house = false): string {
  const a = attrsFor(styles, house);
  const src = iconSvg(name);
  const body = src.slice(src.indexOf('>', src.indexOf('<svg')) + 1, src.lastIndexOf('</svg>')).replace(/<path stroke="none"[^>]*\/>/g, '');
  const sw = (a.strokeWidth * j.stroke).toFixed(3);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIDE}" height="${SIDE}" viewBox="0 0 24 24">` +
    `<rect x="-1" y="-1" width="26" height="26" fill="${a.background}"/>` +
    `<g transform="translate(${j.dx} ${j.dy})" fill="none" stroke="${a.ink}" stroke-width="${sw}" stroke-linecap="round" stroke-linejoin="round">` +
    body +
    '</g>' +
    (a.underline ? `<line x1="6" y1="21.75" x2="18" y2="21.75" stroke="${a.ink}" stroke-width="${sw}" stroke-linecap="round"/>` : '') +
    (a.badge ? `<circle cx="19.5" cy="4.5" r="2.7" fill="${a.badge}"/>` : '') +
    '</svg>'
  );
}

/** RGB bytes (SIDE*SIDE*3, row-major, HWC). */
export function renderIcon(name: string, styles: readonly StyleName[], j: Jitter = NO_JITTER, house = false): Uint8Array {
  const img = new Resvg(styledSvg(name, styles, j, house), { fitTo: { mode: 'width', value: SIDE }, shapeRendering: 2 }).render();
  const px = img.pixels, out = new Uint8Array(IMAGE_BYTES);
  for (let i = 0; i < SIDE * SIDE; i++) for (let c = 0; c < 3; c++) out[i * 3 + c] = px[i * 4 + c];
  return out;
}
