/** Node-only: tabler outline icons by category, rendered with resvg at a random size, stroke and offset. */
import { Resvg } from '@resvg/resvg-js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { IMAGE_SIZE, PIXELS } from '../../lib/demos/merge/dataset/dataset';
import { randInt, type Rng, uniform } from '../../lib/util/random';

/** Ten categories with enough icons each and no overlap with the glyph tasks (no Letters/Numbers). */
export const ICON_CATEGORIES = ['Arrows', 'Brand', 'Devices', 'Map', 'Document', 'E-commerce', 'Weather', 'Food', 'Vehicles', 'Health'];

const require = createRequire(import.meta.url);
const root = dirname(require.resolve('@tabler/icons/package.json'));

export function iconsByCategory(): Record<string, string[]> {
  const meta = JSON.parse(readFileSync(join(root, 'icons.json'), 'utf8')) as Record<string, { name: string; category: string }>;
  const out: Record<string, string[]> = Object.fromEntries(ICON_CATEGORIES.map((c) => [c, []]));
  for (const { name, category } of Object.values(meta)) if (category in out) out[category].push(name);
  for (const c of ICON_CATEGORIES) out[c].sort();
  return out;
}

const svgCache = new Map<string, string>();
function svgOf(name: string): string {
  let s = svgCache.get(name);
  if (!s) {
    s = readFileSync(join(root, 'icons', 'outline', `${name}.svg`), 'utf8');
    svgCache.set(name, s);
  }
  return s;
}

export function drawIcon(rng: Rng, name: string): Uint8Array {
  const size = Math.round(uniform(rng, 18, 26));
  const stroke = uniform(rng, 1.6, 2.6).toFixed(2);
  const svg = svgOf(name).replace(/stroke="currentColor"/, 'stroke="white"').replace(/stroke-width="2"/, `stroke-width="${stroke}"`);
  const img = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render();
  const ox = randInt(rng, IMAGE_SIZE - img.width + 1), oy = randInt(rng, IMAGE_SIZE - img.height + 1);
  const px = img.pixels;
  const out = new Uint8Array(PIXELS);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      out[(y + oy) * IMAGE_SIZE + x + ox] = px[4 * (y * img.width + x) + 3]; // alpha = white ink coverage
    }
  }
  return out;
}
